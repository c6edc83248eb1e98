//! The installation's signing key, sealed once per account that may export.
//!
//! Like LUKS key slots: the 32-byte Ed25519 seed is encrypted (AES-256-GCM) under a
//! key derived with Argon2id from each admin's and reviewer's *password* (its own
//! salt, not the login hash's). The database therefore holds only sealed copies:
//! copying `register.db` — or the whole data folder — does not reveal the key; it
//! takes an account password, and Argon2id makes guessing one slow. Logging in
//! opens the user's slot; an admin who is logged in can seal the key for a new
//! account. Auditors get no slot: they never sign anything.

use crate::{Register, RegisterError, Result};
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use argon2::Argon2;
use rusqlite::{OptionalExtension, params};
use zeroize::Zeroizing;

/// The secret a slot protects.
pub type Seed = Zeroizing<[u8; 32]>;

fn kek(password: &str, salt: &[u8]) -> Result<Zeroizing<[u8; 32]>> {
    let mut key = Zeroizing::new([0u8; 32]);
    Argon2::default()
        .hash_password_into(password.as_bytes(), salt, key.as_mut())
        .map_err(|e| RegisterError::Invalid(format!("key derivation failed: {e}")))?;
    Ok(key)
}

fn aad(account_id: i64) -> Vec<u8> {
    let mut a = b"bevis-keyslot-v1".to_vec();
    a.extend_from_slice(&account_id.to_be_bytes());
    a
}

fn random<const N: usize>() -> Result<[u8; N]> {
    let mut b = [0u8; N];
    getrandom::getrandom(&mut b).map_err(|e| RegisterError::Invalid(e.to_string()))?;
    Ok(b)
}

impl Register {
    /// Seals `seed` for an account under its password (replacing an older slot).
    pub fn seal_key(&mut self, account_id: i64, password: &str, seed: &Seed) -> Result<()> {
        let (salt, nonce) = (random::<16>()?, random::<12>()?);
        let key = kek(password, &salt)?;
        let cipher = Aes256Gcm::new_from_slice(key.as_ref()).expect("32-byte key");
        let sealed = cipher
            .encrypt(&Nonce::from(nonce), Payload { msg: seed.as_ref(), aad: &aad(account_id) })
            .map_err(|_| RegisterError::Invalid("sealing the signing key failed".into()))?;
        self.conn.execute(
            "INSERT INTO key_slots (account_id, salt, nonce, sealed, created_at) VALUES (?1, ?2, ?3, ?4, ?5) \
             ON CONFLICT(account_id) DO UPDATE SET salt = excluded.salt, nonce = excluded.nonce, sealed = excluded.sealed",
            params![account_id, salt.to_vec(), nonce.to_vec(), sealed, crate::stamp(self.now())],
        )?;
        Ok(())
    }

    /// Opens an account's slot; `None` when it has none (auditors).
    pub fn unseal_key(&self, account_id: i64, password: &str) -> Result<Option<Seed>> {
        let row: Option<(Vec<u8>, Vec<u8>, Vec<u8>)> = self
            .conn
            .query_row("SELECT salt, nonce, sealed FROM key_slots WHERE account_id = ?1", [account_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        let Some((salt, nonce, sealed)) = row else { return Ok(None) };
        let Ok(nonce) = <[u8; 12]>::try_from(nonce.as_slice()) else {
            return Err(RegisterError::Invalid("the key slot is damaged".into()));
        };
        let key = kek(password, &salt)?;
        let cipher = Aes256Gcm::new_from_slice(key.as_ref()).expect("32-byte key");
        let plain = Zeroizing::new(
            cipher
                .decrypt(&Nonce::from(nonce), Payload { msg: &sealed, aad: &aad(account_id) })
                .map_err(|_| RegisterError::Invalid("the key slot does not open with this password".into()))?,
        );
        if plain.len() != 32 {
            return Err(RegisterError::Invalid("the key slot is damaged".into()));
        }
        let mut seed = Zeroizing::new([0u8; 32]);
        seed.copy_from_slice(&plain);
        Ok(Some(seed))
    }

    /// Removes an account's slot (disabled accounts, role changes).
    pub fn drop_key_slot(&mut self, account_id: i64) -> Result<()> {
        self.conn.execute("DELETE FROM key_slots WHERE account_id = ?1", [account_id])?;
        Ok(())
    }
}
