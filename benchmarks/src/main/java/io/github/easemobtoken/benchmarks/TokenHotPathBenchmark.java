package io.github.easemobtoken.benchmarks;

import java.util.concurrent.TimeUnit;

import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.token.CachingEasemobTokenProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;

/**
 * (a) The token on the hot path: {@code getToken()} on a fresh cache, against
 * {@code Mono.just(constant)} (the floor) and Spring Security's manager returning a
 * cached {@code client_credentials} client. Each operation subscribes and takes the value.
 * One provider shared by all threads, as in an application.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Benchmark)
public class TokenHotPathBenchmark {

	private final EasemobToken constant = new EasemobToken(Fixtures.ACCESS_TOKEN, null, null);

	private CachingEasemobTokenProvider provider;

	private AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager;

	private OAuth2AuthorizeRequest authorizeRequest;

	@Setup
	public void setUp() {
		this.provider = Fixtures.freshProvider();
		this.manager = Fixtures.springSecurityManager(Fixtures.UNUSED_HOST + "/token", true);
		this.authorizeRequest = OAuth2AuthorizeRequest.withClientRegistrationId(Fixtures.REGISTRATION)
			.principal(Fixtures.ANONYMOUS)
			.build();
		Fixtures.check(Fixtures.ACCESS_TOKEN.equals(springSecurityAuthorize().getAccessToken().getTokenValue()),
				"Spring Security has no cached client");
	}

	@TearDown
	public void tearDown() {
		this.provider.close();
	}

	@Benchmark
	public EasemobToken monoJustConstant() {
		return Fixtures.consume(Mono.just(this.constant));
	}

	@Benchmark
	public EasemobToken easemobGetToken() {
		return Fixtures.consume(this.provider.getToken());
	}

	@Benchmark
	public OAuth2AuthorizedClient springSecurityAuthorize() {
		return Fixtures.consume(this.manager.authorize(this.authorizeRequest));
	}

}
