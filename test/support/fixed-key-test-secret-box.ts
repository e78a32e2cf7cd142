import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretBox } from '../../src/main/settings/secret-box.ts';

const TEST_KEY = Buffer.alloc(32, 7);
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * TEST DOUBLE: AES-256-GCM with a fixed, public key, standing in for Electron's safeStorage. It is as
 * secret as this file; never use it outside tests. `available: false` plays a system without a keyring.
 */
export class FixedKeyTestSecretBox implements SecretBox {
  readonly backend = 'test-aes-256-gcm-fixed-key';
  readonly #key: Buffer;
  readonly #available: boolean;

  constructor(options: { key?: Buffer; available?: boolean } = {}) {
    this.#key = options.key ?? TEST_KEY;
    this.#available = options.available ?? true;
  }

  isAvailable(): boolean {
    return this.#available;
  }

  encrypt(plain: string): string {
    if (!this.#available) throw new Error('test secret box is switched off');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
  }

  decrypt(ciphertext: string): string {
    if (!this.#available) throw new Error('test secret box is switched off');
    const bytes = Buffer.from(ciphertext, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    // GCM checks the tag in final(): a wrong key or altered bytes throw here.
    return Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  }
}

/** The same cipher under another key: what a settings file copied from another machine meets. */
export function otherMachineSecretBox(): FixedKeyTestSecretBox {
  return new FixedKeyTestSecretBox({ key: Buffer.alloc(32, 9) });
}
