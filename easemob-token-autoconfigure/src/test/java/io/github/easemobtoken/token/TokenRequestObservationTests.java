package io.github.easemobtoken.token;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.easemobtoken.EasemobTokenUnavailableException;
import io.github.easemobtoken.test.FakeEasemobExtension;
import io.github.easemobtoken.test.TestApp;
import io.github.easemobtoken.test.VirtualClock;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every token request is the observation {@code easemob.token.request}, so that a tracing
 * backend shows it as a span: {@code app} and {@code outcome}, the failure as its error,
 * never the secret or the token.
 */
class TokenRequestObservationTests {

	@RegisterExtension
	static final FakeEasemobExtension easemob = TestApp.fake();

	private final VirtualClock clock = new VirtualClock();

	private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

	private final CachingEasemobTokenProvider provider;

	TokenRequestObservationTests() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(Observation.Context context) {
				TokenRequestObservationTests.this.stopped.add(context);
			}

		});
		EasemobTokenEndpoint endpoint = new EasemobTokenEndpoint(new ReactorClientHttpConnector(), TestApp.app(easemob),
				TestApp.credentials(), null, TtlUnit.SECONDS, Duration.ofSeconds(5), this.clock);
		this.provider = CachingEasemobTokenProvider.builder(endpoint)
			.clock(this.clock)
			.scheduler(this.clock.scheduler())
			.observationRegistry(registry)
			.build();
	}

	@AfterEach
	void close() {
		this.provider.close();
	}

	private static String keyValues(Observation.Context context) {
		return context.getAllKeyValues().stream().map(KeyValue::toString).toList().toString();
	}

	@Test
	void shouldObserveASuccessfulRequest() {
		TestApp.issueTokens(easemob, 3600);
		this.provider.getToken().block(Duration.ofSeconds(5));
		assertThat(this.stopped).hasSize(1);
		Observation.Context context = this.stopped.get(0);
		assertThat(context.getName()).isEqualTo("easemob.token.request");
		assertThat(context.getLowCardinalityKeyValue("app").getValue()).isEqualTo("easemob-demo#testapp");
		assertThat(context.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("success");
		assertThat(context.getError()).isNull();
		assertThat(keyValues(context)).doesNotContain(TestApp.CLIENT_SECRET).doesNotContain(TestApp.token(1));
	}

	@Test
	void shouldObserveAFailedRequestWithItsReasonAsTheError() {
		TestApp.failWith(easemob, 400, "invalid_grant", "client_secret does not match");
		catchThrowableOfType(EasemobTokenUnavailableException.class, () -> this.provider.getToken().block());
		assertThat(this.stopped).hasSize(1);
		Observation.Context context = this.stopped.get(0);
		assertThat(context.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("failure");
		assertThat(context.getError()).hasMessageStartingWith("invalid_grant (HTTP 400): client_secret does not match");
		assertThat(keyValues(context)).doesNotContain(TestApp.CLIENT_SECRET);
	}

	@Test
	void shouldObserveNothingWhenNoRequestIsMade() {
		TestApp.issueTokens(easemob, 3600);
		this.provider.getToken().block(Duration.ofSeconds(5));
		this.provider.getToken().block(Duration.ofSeconds(5));
		assertThat(this.stopped).as("the second call used the cached token").hasSize(1);
	}

}
