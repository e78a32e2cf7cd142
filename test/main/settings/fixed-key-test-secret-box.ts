export * from '../../support/fixed-key-test-secret-box.ts';
