export * from './app.config';
export * from './auth.config';
export * from './database.config';
export * from './validate-config';
export * from './notifications.config';
