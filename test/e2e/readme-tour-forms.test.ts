import { runTour } from './readme-tour.ts';

// The tour's sections on the roster, the checklist and the fire-safety contacts (TOUR_FILES).
runTour(import.meta.filename);
