package io.github.easemobtoken.test;

import java.net.URI;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import io.github.easemobtoken.EasemobApp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * WireMock in front of the {@link FakeEasemob}, for the answers the fake does not give:
 * malformed or truncated bodies, odd headers, broken connections. WireMock answers what a
 * test stubs and passes every other request on to the fake, so the tokens still come from
 * the fake.
 */
public final class WireMockFaults {

	private WireMockFaults() {
	}

	/**
	 * A WireMock server on a free port that, before each test, drops the faults of the last
	 * one and passes every request on to {@code easemob}.
	 * @param easemob the fake, registered before this extension
	 * @return the extension
	 */
	public static WireMockExtension server(FakeEasemobExtension easemob) {
		return new InFrontOfTheFake(easemob);
	}

	private static final class InFrontOfTheFake extends WireMockExtension {

		private final FakeEasemobExtension easemob;

		InFrontOfTheFake(FakeEasemobExtension easemob) {
			super(WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()));
			this.easemob = easemob;
		}

		@Override
		protected void onBeforeEach(WireMockRuntimeInfo wireMock) {
			passTo(this, this.easemob);
		}

	}

	/**
	 * Drop every stubbed fault and pass every request on to the fake again.
	 * @param wireMock the server
	 * @param easemob the fake
	 */
	public static void passTo(WireMockExtension wireMock, FakeEasemobExtension easemob) {
		wireMock.resetMappings();
		wireMock.stubFor(any(anyUrl()).atPriority(100).willReturn(aResponse().proxiedFrom(easemob.fake().baseUrl())));
	}

	/**
	 * Drop the faults and let the fake issue numbered tokens that live {@code expiresIn}
	 * seconds.
	 * @param wireMock the server
	 * @param easemob the fake
	 * @param expiresIn the {@code expires_in} to answer
	 */
	public static void issueTokens(WireMockExtension wireMock, FakeEasemobExtension easemob, long expiresIn) {
		passTo(wireMock, easemob);
		TestApp.issueTokens(easemob, expiresIn);
	}

	/**
	 * Answer every token request with {@code response}.
	 * @param wireMock the server
	 * @param response the answer
	 */
	public static void answerTokenRequests(WireMockExtension wireMock, ResponseDefinitionBuilder response) {
		wireMock.stubFor(post(urlEqualTo(TestApp.TOKEN_PATH)).willReturn(response));
	}

	public static ResponseDefinitionBuilder errorResponse(int status, String error, String description) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody("""
					{"error":"%s","timestamp":1542331450000,"duration":0,"exception":"x","error_description":"%s"}"""
				.formatted(error, description));
	}

	/**
	 * How many token requests reached WireMock, faulted or passed on.
	 * @param wireMock the server
	 * @return the count
	 */
	public static int tokenRequests(WireMockExtension wireMock) {
		return wireMock.countRequestsMatching(postRequestedFor(urlEqualTo(TestApp.TOKEN_PATH)).build()).getCount();
	}

	public static EasemobApp app(WireMockExtension wireMock) {
		return new EasemobApp(URI.create(wireMock.baseUrl()), TestApp.ORG, TestApp.APP);
	}

}
