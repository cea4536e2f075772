package io.github.easemobtoken.test;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.easemobtoken.EasemobApp;
import io.github.easemobtoken.EasemobCredentials;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A fake Easemob token endpoint on WireMock: issues numbered tokens, fails on demand and
 * counts the token requests it received.
 */
public final class EasemobStub {

	public static final String ORG = "easemob-demo";

	public static final String APP = "testapp";

	public static final String TOKEN_PATH = "/" + ORG + "/" + APP + "/token";

	public static final String USERS_PATH = "/" + ORG + "/" + APP + "/users";

	public static final String CLIENT_ID = "YXA6i-Ak8Ol4Eei2l11ZjV-EAg";

	public static final String CLIENT_SECRET = "YXA6VunqiNxoB7IwXHInk1cGiXOOJfc";

	public static final String APPLICATION = "8be024f0-e978-11e8-b697-5d598d5f8402";

	private static final String TOKEN_PREFIX = "YWMte3bGuOukEeiTkNP4grL7iwAAAAAAAAAAAAAAAAAAAAGL4CTw6XgR6LaXXVmNX4QCAgMAAAFnKdc";

	private EasemobStub() {
	}

	/**
	 * A WireMock server on a free port that can issue numbered tokens.
	 * @return the extension to register
	 */
	public static WireMockExtension wireMock() {
		return wireMock(10);
	}

	/**
	 * A WireMock server on a free port that can issue numbered tokens.
	 * @param containerThreads how many requests it serves at once
	 * @return the extension to register
	 */
	public static WireMockExtension wireMock(int containerThreads) {
		return WireMockExtension.newInstance()
			.options(wireMockConfig().dynamicPort().containerThreads(containerThreads).extensions(new NumberedTokens()))
			.build();
	}

	/**
	 * The n-th token the stub issues (from 1). Its last four characters are the number.
	 * @param n the number
	 * @return the token
	 */
	public static String token(int n) {
		return TOKEN_PREFIX + "%04d".formatted(n);
	}

	public static EasemobApp app(WireMockExtension wireMock) {
		return new EasemobApp(URI.create(wireMock.baseUrl()), ORG, APP);
	}

	public static EasemobCredentials credentials() {
		return new EasemobCredentials(CLIENT_ID, CLIENT_SECRET);
	}

	/**
	 * Answer every token request with the next numbered token, starting again at 1.
	 * @param wireMock the server
	 * @param expiresIn the {@code expires_in} to answer
	 */
	public static void issueTokens(WireMockExtension wireMock, long expiresIn) {
		issueTokens(wireMock, expiresIn, 0);
	}

	/**
	 * Answer every token request with the next numbered token after a delay, starting
	 * again at 1.
	 * @param wireMock the server
	 * @param expiresIn the {@code expires_in} to answer
	 * @param delayMillis how long each answer takes
	 */
	public static void issueTokens(WireMockExtension wireMock, long expiresIn, int delayMillis) {
		NumberedTokens.issued.set(0);
		continueIssuingTokens(wireMock, expiresIn, delayMillis);
	}

	/**
	 * Answer every token request with the next numbered token after a delay, carrying on
	 * the numbering.
	 * @param wireMock the server
	 * @param expiresIn the {@code expires_in} to answer
	 * @param delayMillis how long each answer takes
	 */
	public static void continueIssuingTokens(WireMockExtension wireMock, long expiresIn, int delayMillis) {
		wireMock.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withFixedDelay(delayMillis)
			.withTransformers(NumberedTokens.NAME)
			.withTransformerParameter("expiresIn", expiresIn)));
	}

	/**
	 * Answer every token request of another app ({@code /{org}/{app}/token}) with the next
	 * numbered token, carrying on the numbering.
	 * @param wireMock the server
	 * @param org the app's organization
	 * @param app the app's name
	 * @param expiresIn the {@code expires_in} to answer
	 */
	public static void issueTokens(WireMockExtension wireMock, String org, String app, long expiresIn) {
		wireMock.stubFor(post(urlEqualTo("/" + org + "/" + app + "/token")).willReturn(aResponse()
			.withTransformers(NumberedTokens.NAME)
			.withTransformerParameter("expiresIn", expiresIn)));
	}

	/**
	 * How many token requests of another app the stub received.
	 * @param wireMock the server
	 * @param org the app's organization
	 * @param app the app's name
	 * @return the count
	 */
	public static int tokenRequests(WireMockExtension wireMock, String org, String app) {
		return wireMock.countRequestsMatching(postRequestedFor(urlEqualTo("/" + org + "/" + app + "/token")).build())
			.getCount();
	}

	/**
	 * Answer every token request with an Easemob error.
	 * @param wireMock the server
	 * @param status the HTTP status
	 * @param error the {@code error} field
	 * @param description the {@code error_description} field
	 */
	public static void failWith(WireMockExtension wireMock, int status, String error, String description) {
		wireMock.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(errorResponse(status, error, description)));
	}

	public static ResponseDefinitionBuilder errorResponse(int status, String error, String description) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody("""
					{"error":"%s","timestamp":1542331450000,"duration":0,"exception":"x","error_description":"%s"}"""
				.formatted(error, description));
	}

	/**
	 * How many token requests the stub received.
	 * @param wireMock the server
	 * @return the count
	 */
	public static int tokenRequests(WireMockExtension wireMock) {
		return wireMock.countRequestsMatching(postRequestedFor(urlEqualTo(TOKEN_PATH)).build()).getCount();
	}

	/**
	 * Numbers the tokens it issues; the number restarts with every
	 * {@link #issueTokens(WireMockExtension, long)}.
	 */
	static final class NumberedTokens implements ResponseDefinitionTransformerV2 {

		static final String NAME = "numbered-tokens";

		static final AtomicInteger issued = new AtomicInteger();

		@Override
		public ResponseDefinition transform(ServeEvent serveEvent) {
			Parameters parameters = serveEvent.getTransformerParameters();
			long expiresIn = ((Number) parameters.get("expiresIn")).longValue();
			return ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition())
				.withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody("""
						{"access_token":"%s","expires_in":%d,"application":"%s"}"""
					.formatted(token(issued.incrementAndGet()), expiresIn, APPLICATION))
				.build();
		}

		@Override
		public boolean applyGlobally() {
			return false;
		}

		@Override
		public String getName() {
			return NAME;
		}

	}

}
