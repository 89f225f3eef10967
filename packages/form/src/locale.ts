import * as z from 'zod';
import { schemaMessages } from './schema-messages.ts';

// Schema messages reach clerks: in their words (not zod's, whose Chinese still names types), set once for every form.
z.config(schemaMessages());
