// Where the package's own files are, whether running from src/ (tests) or dist/ (built).
import { fileURLToPath } from 'node:url';

export const PKG_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));
export const TEMPLATES_DIR = fileURLToPath(new URL('../templates/', import.meta.url));
