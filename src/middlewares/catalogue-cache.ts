// Registered as 'global::catalogue-cache' in config/middlewares.ts; see src/lib/catalogue/http-cache.ts.
import { catalogueCache } from '../lib/catalogue/http-cache';

export default () => catalogueCache;
