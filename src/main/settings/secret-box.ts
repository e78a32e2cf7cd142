import type { SettingsError } from '../../shared/settings.ts';

/**
 * Encrypts secret header values at rest. The Electron edge backs it with `safeStorage`; the core only
 * sees this interface, so it runs in plain Node and under test.
 */
export interface SecretBox {
  /** Which mechanism encrypts, for messages and logs (`keychain`, `dpapi`, `gnome_libsecret`, …). */
  readonly backend: string;
  /**
   * Whether secrets can be stored safely. An implementation answers false for a backend that only
   * obscures (Electron's `basic_text` on Linux), because that would be plaintext by another name.
   */
  isAvailable(): boolean;
  /** The ciphertext of `plain`, base64. May throw; callers turn that into an error value. */
  encrypt(plain: string): string;
  /** The plain text of a base64 ciphertext. Throws when it was made with another key or was altered. */
  decrypt(cipher: string): string;
}

/** The refusal given when a secret must be stored but the system offers no encryption. */
export function secretsUnavailable(box: SecretBox): SettingsError {
  return {
    code: 'secrets-unavailable',
    message:
      `FeedTray cannot save secret headers because this system offers no secure storage (backend: ${box.backend}), ` +
      'and it will not write them in plain text. On Linux, install and unlock a keyring such as GNOME Keyring or KWallet; ' +
      'or save the header without marking it secret.',
  };
}

/** The refusal given when the SecretBox failed while encrypting. */
export function encryptionFailed(box: SecretBox, cause: unknown): SettingsError {
  return {
    code: 'encryption-failed',
    message: `FeedTray could not encrypt a secret header (backend: ${box.backend}): ${describeCause(cause)}. Nothing was saved.`,
  };
}

/** A thrown value as a short sentence fragment. */
export function describeCause(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
