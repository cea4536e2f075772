package io.github.easemobtoken.store.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.json.JsonObjects;
import org.jspecify.annotations.Nullable;

/**
 * Seals tokens for Redis: AES-256-GCM under a key derived from the client secret with
 * HKDF-SHA256, the key namespace as context, a random 96-bit nonce per value, and as
 * associated data the Redis key and the value's header (a value copied under another key,
 * or given another token's fingerprint, does not open). A value is
 * {@code 2.<fingerprint>.<base64url(nonce ‖ ciphertext ‖ tag)>}: the format version, then
 * an HMAC fingerprint of the token (under a second derived key), so that a rejected token
 * can be removed by a script that cannot decrypt, then the sealed JSON. Read access to
 * Redis alone gives no token. Format 1 left the header outside the associated data; its
 * values do not open, and are replaced like those of another secret.
 *
 * @author easemob-token
 */
final class TokenCipher {

	static final String VERSION = "2";

	private static final byte[] SALT = "easemob-token redis store".getBytes(StandardCharsets.UTF_8);

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final int FINGERPRINT_CHARS = 22;

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final SecureRandom random = new SecureRandom();

	private final SecretKeySpec encryptionKey;

	private final SecretKeySpec fingerprintKey;

	/**
	 * Derive the keys.
	 * @param clientSecret the app's client secret
	 * @param context what the values belong to (the key namespace)
	 */
	TokenCipher(String clientSecret, String context) {
		byte[] secret = clientSecret.getBytes(StandardCharsets.UTF_8);
		this.encryptionKey = new SecretKeySpec(hkdf(secret, SALT, info("aes-256-gcm", context), 32), "AES");
		this.fingerprintKey = new SecretKeySpec(hkdf(secret, SALT, info("fingerprint", context), 32), "HmacSHA256");
	}

	private static byte[] info(String purpose, String context) {
		return ("v" + VERSION + " " + purpose + " " + context).getBytes(StandardCharsets.UTF_8);
	}

	String seal(EasemobToken token, Instant obtainedAt, String redisKey) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("access_token", token.accessToken());
		json.put("expires_at", token.expiresAt().map(Instant::toEpochMilli).orElse(null));
		json.put("obtained_at", obtainedAt.toEpochMilli());
		json.put("application", token.application().orElse(null));
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
			String header = fingerprintPrefix(token.accessToken());
			cipher.updateAAD(associatedData(redisKey, header));
			byte[] sealed = cipher.doFinal(JsonObjects.write(json));
			byte[] value = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
			return header + ENCODER.encodeToString(value);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available in this JVM", ex);
		}
	}

	/**
	 * Open a stored value.
	 * @param value the value
	 * @param redisKey the key it was read from
	 * @return the token, or {@code null} when the value does not open with these keys
	 */
	@Nullable Opened open(String value, String redisKey) {
		String[] parts = value.split("\\.", -1);
		if (parts.length != 3 || !VERSION.equals(parts[0])) {
			return null;
		}
		try {
			byte[] bytes = DECODER.decode(parts[2]);
			if (bytes.length <= NONCE_BYTES) {
				return null;
			}
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.encryptionKey,
					new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
			cipher.updateAAD(associatedData(redisKey, parts[0] + "." + parts[1] + "."));
			byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
			Map<?, ?> json = JsonObjects.readObject(plain);
			return (json != null) ? read(json) : null;
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			// Deliberately not passed on: it can only say that the value did not open.
			return null;
		}
	}

	/** The key and the header, each with its length, so that no two pairs give the same bytes. */
	private static byte[] associatedData(String redisKey, String header) {
		byte[] key = redisKey.getBytes(StandardCharsets.UTF_8);
		byte[] head = header.getBytes(StandardCharsets.UTF_8);
		return ByteBuffer.allocate(8 + key.length + head.length)
			.putInt(key.length)
			.put(key)
			.putInt(head.length)
			.put(head)
			.array();
	}

	private static @Nullable Opened read(Map<?, ?> json) {
		Object expiresAt = json.get("expires_at");
		if (!(json.get("access_token") instanceof String accessToken) || accessToken.isBlank()
				|| !json.containsKey("expires_at") || !(expiresAt == null || isLong(expiresAt))
				|| !(json.get("obtained_at") instanceof Number obtainedAt) || !isLong(obtainedAt)) {
			return null;
		}
		EasemobToken token = new EasemobToken(accessToken,
				(expiresAt != null) ? Instant.ofEpochMilli(((Number) expiresAt).longValue()) : null,
				(json.get("application") instanceof String application) ? application : null);
		return new Opened(token, Instant.ofEpochMilli(obtainedAt.longValue()));
	}

	private static boolean isLong(Object value) {
		return value instanceof Integer || value instanceof Long;
	}

	/** What every value holding {@code accessToken} starts with. */
	String fingerprintPrefix(String accessToken) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.fingerprintKey);
			byte[] digest = mac.doFinal(accessToken.getBytes(StandardCharsets.UTF_8));
			return VERSION + "." + ENCODER.encodeToString(digest).substring(0, FINGERPRINT_CHARS) + ".";
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available in this JVM", ex);
		}
	}

	/** HKDF (RFC 5869) with HMAC-SHA256: extract, then expand to {@code length} bytes. */
	static byte[] hkdf(byte[] inputKey, byte[] salt, byte[] info, int length) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(salt, "HmacSHA256"));
			byte[] pseudoRandomKey = mac.doFinal(inputKey);
			mac.init(new SecretKeySpec(pseudoRandomKey, "HmacSHA256"));
			byte[] output = new byte[length];
			byte[] block = new byte[0];
			for (int offset = 0, counter = 1; offset < length; counter++) {
				mac.update(block);
				mac.update(info);
				mac.update((byte) counter);
				block = mac.doFinal();
				int n = Math.min(block.length, length - offset);
				System.arraycopy(block, 0, output, offset, n);
				offset += n;
			}
			return output;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available in this JVM", ex);
		}
	}

	@Override
	public String toString() {
		return "TokenCipher[AES-256-GCM, v" + VERSION + "]";
	}

	/**
	 * An opened value.
	 *
	 * @param token the token
	 * @param obtainedAt when the request that brought it started
	 */
	record Opened(EasemobToken token, Instant obtainedAt) {
	}

}
