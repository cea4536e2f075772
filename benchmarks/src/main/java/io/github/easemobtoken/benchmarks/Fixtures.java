package io.github.easemobtoken.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

import io.github.easemobtoken.EasemobApp;
import io.github.easemobtoken.EasemobCredentials;
import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.store.TokenStore;
import io.github.easemobtoken.test.FakeEasemob;
import io.github.easemobtoken.token.CachingEasemobTokenProvider;
import io.github.easemobtoken.token.EasemobTokenEndpoint;
import io.github.easemobtoken.token.TtlUnit;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.web.reactive.function.client.ClientResponse;

/**
 * What the benchmarks share: providers in the state under test, Spring Security's
 * {@code client_credentials} setup, and a way to take a {@link Mono}'s value without the
 * cost of {@code block()}.
 */
final class Fixtures {

	static final String ORG = "easemob-demo";

	static final String APP = "testapp";

	static final String REGISTRATION = "easemob";

	/** The principal Spring Security's filter uses when there is no security context. */
	static final String ANONYMOUS = "anonymousUser";

	static final String ACCESS_TOKEN = "YWMte3bGuOukEeiTkNP4grL7iwAAAAAAAAAAAAAAAAAAAAGL4CTw6XgR6LaXXVmNX4QCAgMAAAFnKdc0001";

	/** A host nothing listens on: a provider in the fresh state never calls it. */
	static final String UNUSED_HOST = "http://127.0.0.1:9";

	private Fixtures() {
	}

	static EasemobApp app(String host) {
		return new EasemobApp(URI.create(host), ORG, APP);
	}

	/** A provider with the default policy and the system clock, whose token endpoint is {@code host}. */
	static CachingEasemobTokenProvider provider(String host, TokenStore store) {
		EasemobTokenEndpoint endpoint = new EasemobTokenEndpoint(new ReactorClientHttpConnector(), app(host),
				new EasemobCredentials("client-id", "client-secret"), null, TtlUnit.SECONDS, Duration.ofSeconds(10),
				InstantSource.system());
		return CachingEasemobTokenProvider.builder(endpoint).store(store).build();
	}

	/**
	 * A provider holding a fresh token (valid for an hour), taken from a store as another
	 * instance would have left it, so no HTTP is involved: the state every API call finds
	 * the provider in.
	 */
	static CachingEasemobTokenProvider freshProvider() {
		EasemobToken token = new EasemobToken(ACCESS_TOKEN, Instant.now().plus(Duration.ofHours(1)), null);
		CachingEasemobTokenProvider provider = provider(UNUSED_HOST, new SeededTokenStore(token));
		check(ACCESS_TOKEN.equals(provider.getToken().block(Duration.ofSeconds(5)).accessToken()), "no token");
		check(ACCESS_TOKEN.equals(consume(provider.getToken()).accessToken()), "the token is not served at once");
		return provider;
	}

	/**
	 * The project's fake Easemob serving the benchmarks' app with {@code Fleet}'s
	 * credentials: tokens that live {@code lifetime}, each answered after {@code delay}.
	 */
	static FakeEasemob fakeEasemob(Duration delay, Duration lifetime) {
		FakeEasemob fake = FakeEasemob.builder()
			.app(ORG + "#" + APP, "client-id", "client-secret")
			.tokenLifetime(lifetime)
			.build();
		fake.tokenDelay(delay);
		return fake;
	}

	static ClientRegistration registration(String tokenUri) {
		return ClientRegistration.withRegistrationId(REGISTRATION)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.clientId("client-id")
			.clientSecret("client-secret")
			.tokenUri(tokenUri)
			.build();
	}

	/**
	 * Spring Security's manager for a {@code client_credentials} registration, as its
	 * reference documentation sets it up for use outside a request; with {@code cached},
	 * an authorized client valid for an hour is already stored for {@link #ANONYMOUS}.
	 */
	static AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager springSecurityManager(String tokenUri,
			boolean cached) {
		ClientRegistration registration = registration(tokenUri);
		InMemoryReactiveOAuth2AuthorizedClientService clients = new InMemoryReactiveOAuth2AuthorizedClientService(
				new InMemoryReactiveClientRegistrationRepository(registration));
		if (cached) {
			OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, ACCESS_TOKEN,
					Instant.now(), Instant.now().plus(Duration.ofHours(1)));
			clients.saveAuthorizedClient(new OAuth2AuthorizedClient(registration, ANONYMOUS, token),
					new AnonymousAuthenticationToken("anonymous", ANONYMOUS,
							AuthorityUtils.createAuthorityList("ROLE_USER")))
				.block();
		}
		AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(
				new InMemoryReactiveClientRegistrationRepository(registration), clients);
		manager.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder().clientCredentials().build());
		return manager;
	}

	/** A 200 answer, built once: the exchange function of the filter benchmarks returns it. */
	static final Mono<ClientResponse> OK = Mono.just(ClientResponse.create(HttpStatus.OK).build());

	/**
	 * The value of a {@link Mono} that completes on subscription, through a subscriber as
	 * light as the inner subscriber of a {@code flatMap}.
	 */
	static <T> T consume(Mono<T> mono) {
		Capture<T> capture = new Capture<>();
		mono.subscribe(capture);
		T value = capture.value;
		if (value == null) {
			throw new IllegalStateException("no value", capture.error);
		}
		return value;
	}

	static void check(boolean condition, String message) {
		if (!condition) {
			throw new IllegalStateException(message);
		}
	}

	private static final class Capture<T> implements CoreSubscriber<T> {

		T value;

		Throwable error;

		@Override
		public void onSubscribe(Subscription subscription) {
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(T value) {
			this.value = value;
		}

		@Override
		public void onError(Throwable error) {
			this.error = error;
		}

		@Override
		public void onComplete() {
		}

	}

}
