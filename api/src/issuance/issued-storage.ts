/** Injection token: where signed documents live (a DocumentStorage: local disk under DATA_DIR/issued by default). */
export const ISSUED_STORAGE = Symbol('ISSUED_STORAGE');
