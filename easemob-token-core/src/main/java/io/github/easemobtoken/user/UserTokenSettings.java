package io.github.easemobtoken.user;

import java.time.Duration;

import io.github.easemobtoken.EasemobSettingKeys;
import io.github.easemobtoken.token.TtlUnit;
import org.jspecify.annotations.Nullable;

/**
 * One app's user-token settings, checked.
 *
 * @param autoCreateUser whether Easemob creates a user it does not know
 * ({@code easemob.user-token.auto-create-user})
 * @param ttl the lifetime to request for an issued token, {@code null} for the console's
 * setting, zero for never ({@code easemob.user-token.ttl})
 * @param ttlUnit the unit of {@code ttl} and {@code expires_in} on the wire
 * ({@code easemob.ttl-unit})
 * @param dynamicTtl the lifetime of a dynamic token ({@code easemob.user-token.dynamic-ttl})
 * @param maxRequestsPerSecond the most user-token requests in any second
 * ({@code easemob.user-token.max-requests-per-second})
 * @param responseTimeout the longest a request, or its wait for a turn, may take
 * ({@code easemob.response-timeout})
 * @param keys the keys these values came from, for messages
 * @author easemob-token
 */
public record UserTokenSettings(boolean autoCreateUser, @Nullable Duration ttl, TtlUnit ttlUnit, Duration dynamicTtl,
		int maxRequestsPerSecond, Duration responseTimeout, EasemobSettingKeys keys) {

	/** The default of {@code easemob.user-token.dynamic-ttl}. */
	public static final Duration DEFAULT_DYNAMIC_TTL = Duration.ofHours(1);

	/** The default of {@code easemob.user-token.max-requests-per-second}. */
	public static final int DEFAULT_MAX_REQUESTS_PER_SECOND = 50;

}
