import { z } from 'zod';

// Schema messages reach clerks: zod's own wording in Chinese, set once for every form.
z.config(z.locales.zhCN());
