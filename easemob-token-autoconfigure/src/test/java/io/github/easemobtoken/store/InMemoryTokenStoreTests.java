package io.github.easemobtoken.store;

import java.time.Duration;
import java.time.Instant;

import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.test.TestApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link InMemoryTokenStore}: this instance alone, so nothing is stored and every claim is
 * granted.
 */
class InMemoryTokenStoreTests {

	private final InMemoryTokenStore store = new InMemoryTokenStore();

	private final EasemobToken token = new EasemobToken(TestApp.token(1), null, null);

	@Test
	void shouldHoldNothingEvenAfterATokenIsPublished() {
		this.store.publish(new RefreshClaim.Granted(0, ""), this.token, Instant.now(), Instant.now()).block();
		assertThat(this.store.read().block()).isSameAs(StoredToken.ABSENT);
	}

	@Test
	void shouldGrantEveryClaimWithNoFailuresBefore() {
		Instant now = Instant.now();
		assertThat(this.store.claim(StoredToken.ABSENT, now, now.plusSeconds(10)).block())
			.isEqualTo(new RefreshClaim.Granted(0, ""));
		assertThat(this.store.claim(StoredToken.ABSENT, now, now.plusSeconds(10)).block())
			.isEqualTo(new RefreshClaim.Granted(0, ""));
	}

	@Test
	void shouldNeverMakeAnyoneWait() {
		assertThat(this.store.awaitChange(StoredToken.ABSENT, Duration.ofDays(1)).block(Duration.ofSeconds(1)))
			.isNull();
	}

}
