export { importFile, IMPORT_FORMATS } from './import/import-file';
export type { ImportFormat, ImportOptions, ImportReport, RejectedLine } from './import/import-file';
export { seedDemoData } from './demo/seed-demo-data';
export type { DemoSeedOptions, DemoSeedResult } from './demo/seed-demo-data';
