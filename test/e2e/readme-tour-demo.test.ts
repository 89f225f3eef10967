import { runTour } from './readme-tour.ts';

// The tour's demo, and the compile of the ledgers it wrote (TOUR_FILES).
runTour(import.meta.filename);
