import type { SecretBox } from '../settings/secret-box.ts';
import type { ElectronDeps } from './deps.ts';

/** Linux backends that only obscure: Chromium's `basic_text` is a hard-coded key, `unknown` is "not ready". */
const WEAK_LINUX_BACKENDS = new Set(['basic_text', 'unknown']);

/**
 * Secrets encrypted by the OS through Electron's `safeStorage` (Keychain, DPAPI, libsecret/KWallet),
 * stored as base64. Usable only after `app` is ready. The synchronous calls are deprecated in favour of
 * the async ones, but `SecretBox` is synchronous because settings are sealed inside one save.
 */
export class SafeStorageSecretBox implements SecretBox {
  readonly #safeStorage: ElectronDeps['safeStorage'];
  readonly #platform: NodeJS.Platform;

  constructor(safeStorage: ElectronDeps['safeStorage'], platform: NodeJS.Platform) {
    this.#safeStorage = safeStorage;
    this.#platform = platform;
  }

  get backend(): string {
    if (this.#platform === 'linux') return this.#safeStorage.getSelectedStorageBackend();
    return this.#platform === 'darwin' ? 'keychain' : this.#platform === 'win32' ? 'dpapi' : this.#platform;
  }

  isAvailable(): boolean {
    if (!this.#safeStorage.isEncryptionAvailable()) return false;
    return this.#platform !== 'linux' || !WEAK_LINUX_BACKENDS.has(this.backend);
  }

  encrypt(plain: string): string {
    return this.#safeStorage.encryptString(plain).toString('base64');
  }

  decrypt(cipher: string): string {
    return this.#safeStorage.decryptString(Buffer.from(cipher, 'base64'));
  }
}
