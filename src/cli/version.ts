/** The version `saylau --version` prints and exports record: package.json's. */
export const VERSION = '0.1.0';
