package io.github.easemobtoken.benchmarks;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import io.github.easemobtoken.token.CachingEasemobTokenProvider;
import io.github.easemobtoken.web.EasemobTokenExchangeFilterFunction;
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

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.client.web.reactive.function.client.ServerOAuth2AuthorizedClientExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * (b) The filter on a request, with an exchange function that answers 200 at once: ours
 * against a filter that sets a constant bearer header (the floor) and Spring Security's
 * {@code ServerOAuth2AuthorizedClientExchangeFilterFunction} for a {@code client_credentials}
 * registration whose client is cached. The exchange function checks that each sent the
 * token.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Benchmark)
public class FilterBenchmark {

	private static final String BEARER = "Bearer " + Fixtures.ACCESS_TOKEN;

	private final ClientRequest request = ClientRequest
		.create(HttpMethod.GET, URI.create("https://a1.easemob.com/easemob-demo/testapp/users/alice"))
		.build();

	private final ExchangeFunction sentWithToken = (request) -> {
		if (!BEARER.equals(request.headers().getFirst(HttpHeaders.AUTHORIZATION))) {
			throw new IllegalStateException("no token on " + request.headers());
		}
		return Fixtures.OK;
	};

	private final ExchangeFilterFunction constantHeader = (request, next) -> next
		.exchange(ClientRequest.from(request).headers((headers) -> headers.set(HttpHeaders.AUTHORIZATION, BEARER)).build());

	private CachingEasemobTokenProvider provider;

	private EasemobTokenExchangeFilterFunction easemob;

	private ServerOAuth2AuthorizedClientExchangeFilterFunction springSecurity;

	@Setup
	public void setUp() {
		this.provider = Fixtures.freshProvider();
		this.easemob = new EasemobTokenExchangeFilterFunction(this.provider);
		this.springSecurity = new ServerOAuth2AuthorizedClientExchangeFilterFunction(
				Fixtures.springSecurityManager(Fixtures.UNUSED_HOST + "/token", true));
		this.springSecurity.setDefaultClientRegistrationId(Fixtures.REGISTRATION);
		constantHeaderFilter();
		easemobFilter();
		springSecurityFilter();
	}

	@TearDown
	public void tearDown() {
		this.provider.close();
	}

	@Benchmark
	public ClientResponse constantHeaderFilter() {
		return Fixtures.consume(this.constantHeader.filter(this.request, this.sentWithToken));
	}

	@Benchmark
	public ClientResponse easemobFilter() {
		return Fixtures.consume(this.easemob.filter(this.request, this.sentWithToken));
	}

	@Benchmark
	public ClientResponse springSecurityFilter() {
		return Fixtures.consume(this.springSecurity.filter(this.request, this.sentWithToken));
	}

}
