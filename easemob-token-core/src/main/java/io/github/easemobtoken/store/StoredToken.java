package io.github.easemobtoken.store;

import java.time.Instant;

import io.github.easemobtoken.EasemobToken;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link TokenStore} holds for the app at one moment: a token another instance
 * obtained, nothing, or a value this instance cannot read.
 * <p>
 * {@link #version()} identifies the stored value; {@link TokenStore#claim} grants the next
 * token request only while the store still holds that version, so an instance never asks
 * Easemob on the strength of a value that another instance has replaced in between.
 *
 * @param token the token, when there is one and this instance can read it
 * @param obtainedAt when the token request that brought it started, when known
 * @param version the stored value as an opaque string, empty when nothing is stored
 * @param readable {@code false} when a value is stored that this instance cannot read
 * (written under another client secret, or damaged)
 * @author easemob-token
 */
public record StoredToken(@Nullable EasemobToken token, @Nullable Instant obtainedAt, String version,
		boolean readable) {

	/** Nothing stored. */
	public static final StoredToken ABSENT = new StoredToken(null, null, "", true);

	/**
	 * A value this instance cannot read.
	 * @param version the stored value
	 * @return the stored token
	 */
	public static StoredToken unreadable(String version) {
		return new StoredToken(null, null, version, false);
	}

	@Override
	public String toString() {
		return "StoredToken[" + ((this.token != null) ? this.token : (this.readable ? "none" : "unreadable")) + "]";
	}

}
