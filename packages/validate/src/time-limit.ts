/** Seconds one file may take before it is given up, unless the caller says otherwise. */
export const TIME_LIMIT_SECONDS = 60;
