package io.github.easemobtoken.test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import io.github.easemobtoken.json.JsonObjects;

/**
 * How the fake checks a dynamic user token, as Easemob's server does: URL-safe Base64 of
 * {@code "dt-"} and a JSON object whose {@code signature} is the SHA-256 of
 * {@code clientId + appkey + userId + curTime + ttl + clientSecret}, and which has not expired.
 * Written from the user-token page, apart from the starter's signer, so that a test of one
 * checks the other.
 *
 * @author easemob-token
 */
final class DynamicTokens {

	private DynamicTokens() {
	}

	static Optional<String> userOf(FakeEasemob.FakeApp app, String token, Instant now) {
		byte[] decoded;
		try {
			decoded = Base64.getUrlDecoder().decode(token);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		String text = new String(decoded, StandardCharsets.UTF_8);
		if (!text.startsWith("dt-")) {
			return Optional.empty();
		}
		Map<?, ?> json;
		try {
			json = JsonObjects.readObject(text.substring(3).getBytes(StandardCharsets.UTF_8));
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
		if (json == null || !(json.get("signature") instanceof String signature)
				|| !(json.get("appkey") instanceof String appKey) || !(json.get("userId") instanceof String userId)
				|| !(json.get("curTime") instanceof Number curTime) || !(json.get("ttl") instanceof Number ttl)) {
			return Optional.empty();
		}
		String expected = sha256Hex(app.clientId() + appKey + userId + curTime.longValue() + ttl.longValue()
				+ app.clientSecret());
		boolean valid = appKey.equals(app.appKey()) && expected.equals(signature) && ttl.longValue() > 0
				&& now.isBefore(Instant.ofEpochSecond(curTime.longValue() + ttl.longValue()));
		return valid ? Optional.of(userId) : Optional.empty();
	}

	private static String sha256Hex(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
