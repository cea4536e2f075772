package io.github.easemobtoken;

import java.time.Instant;

import io.github.easemobtoken.test.TestApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link EasemobToken} as a value that is safe to print.
 */
class EasemobTokenTests {

	private static final Instant EXPIRY = Instant.parse("2026-11-24T09:00:00Z");

	@Test
	void shouldShowOnlyTheLastFourCharactersInToString() {
		EasemobToken token = new EasemobToken(TestApp.token(7), EXPIRY, TestApp.APPLICATION);
		assertThat(token).hasToString("EasemobToken[accessToken=…0007, expiresAt=2026-11-24T09:00:00Z, "
				+ "application=8be024f0-e978-11e8-b697-5d598d5f8402]");
		assertThat(token.redacted()).isEqualTo("…0007");
	}

	@Test
	void shouldShowLessOfAVeryShortToken() {
		assertThat(new EasemobToken("abcdefgh", null, null).redacted()).isEqualTo("…gh");
		assertThat(new EasemobToken("abc", null, null).redacted()).isEqualTo("…");
	}

	@Test
	void shouldDescribeAPermanentToken() {
		EasemobToken token = new EasemobToken(TestApp.token(1), null, null);
		assertThat(token.isPermanent()).isTrue();
		assertThat(token.isExpiredAt(Instant.MAX)).isFalse();
		assertThat(token.toString()).contains("expiresAt=never");
	}

	@Test
	void shouldExpireAtItsExpiryInstant() {
		EasemobToken token = new EasemobToken(TestApp.token(1), EXPIRY, null);
		assertThat(token.isExpiredAt(EXPIRY.minusMillis(1))).isFalse();
		assertThat(token.isExpiredAt(EXPIRY)).isTrue();
	}

	@Test
	void shouldBeAValue() {
		assertThat(new EasemobToken("token-aaaa-0001", EXPIRY, "app"))
			.isEqualTo(new EasemobToken("token-aaaa-0001", EXPIRY, "app"))
			.hasSameHashCodeAs(new EasemobToken("token-aaaa-0001", EXPIRY, "app"))
			.isNotEqualTo(new EasemobToken("token-aaaa-0002", EXPIRY, "app"));
	}

	@Test
	void shouldRejectABlankToken() {
		assertThatIllegalArgumentException().isThrownBy(() -> new EasemobToken(" ", EXPIRY, null));
	}

}
