export * from './app.config';
export * from './auth.config';
export * from './database.config';
export * from './validate-config';
export * from './issuance.config';
export * from './notifications.config';
export * from './complaints.config';
export * from './pii.config';
