package io.github.easemobtoken.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.easemobtoken.EasemobApp;
import io.github.easemobtoken.EasemobCredentials;
import io.github.easemobtoken.EasemobUserToken;
import io.github.easemobtoken.json.JsonObjects;

/**
 * Signs the "dynamic" user token of Easemob's user-token page, with no request: {@code curTime}
 * (epoch seconds) and {@code ttl} (seconds), {@code signature} = lower-case hex SHA-256 of
 * {@code clientId + appkey + userId + curTime + ttl + clientSecret}, then the URL-safe Base64
 * of the UTF-8 bytes of {@code "dt-"} followed by the JSON
 * {@code {"signature","appkey","userId","curTime","ttl"}}. It needs the client secret, so it is
 * made on the server only.
 *
 * @author easemob-token
 */
public final class DynamicUserTokenSigner {

	private static final byte[] PREFIX = "dt-".getBytes(StandardCharsets.UTF_8);

	private final EasemobApp app;

	private final EasemobCredentials credentials;

	private final InstantSource clock;

	/**
	 * Create a signer for one app.
	 * @param app the app
	 * @param credentials its client ID and secret
	 * @param clock the source of {@code curTime}
	 */
	public DynamicUserTokenSigner(EasemobApp app, EasemobCredentials credentials, InstantSource clock) {
		this.app = app;
		this.credentials = credentials;
		this.clock = clock;
	}

	/**
	 * Sign a token for a user.
	 * @param username the user (Easemob's {@code userId})
	 * @param ttl the lifetime, whole seconds, positive
	 * @return the token, expiring at {@code curTime + ttl}
	 */
	public EasemobUserToken sign(String username, Duration ttl) {
		UserTokenArguments.requireUsername(username);
		if (ttl.isNegative() || ttl.isZero() || ttl.getNano() != 0) {
			throw new IllegalArgumentException("A dynamic user token's ttl must be a positive number of whole seconds, "
					+ "not " + ttl);
		}
		long curTime = this.clock.instant().getEpochSecond();
		long seconds = ttl.getSeconds();
		String appKey = this.app.appKey();
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("signature", signature(this.credentials.clientId(), appKey, username, curTime, seconds,
				this.credentials.clientSecret()));
		json.put("appkey", appKey);
		json.put("userId", username);
		json.put("curTime", curTime);
		json.put("ttl", seconds);
		byte[] body = JsonObjects.write(json);
		byte[] token = new byte[PREFIX.length + body.length];
		System.arraycopy(PREFIX, 0, token, 0, PREFIX.length);
		System.arraycopy(body, 0, token, PREFIX.length, body.length);
		return new EasemobUserToken(Base64.getUrlEncoder().encodeToString(token), username,
				Instant.ofEpochSecond(curTime + seconds), null);
	}

	/**
	 * The signature of a dynamic token.
	 * @param clientId the app's client ID
	 * @param appKey the app key, {@code org#app}
	 * @param username the user
	 * @param curTime epoch seconds
	 * @param ttl seconds
	 * @param clientSecret the app's client secret
	 * @return lower-case hex SHA-256 of the six, concatenated
	 */
	static String signature(String clientId, String appKey, String username, long curTime, long ttl,
			String clientSecret) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			byte[] digest = sha256.digest((clientId + appKey + username + curTime + ttl + clientSecret)
				.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

	@Override
	public String toString() {
		return "DynamicUserTokenSigner[" + this.app.appKey() + "]";
	}

}
