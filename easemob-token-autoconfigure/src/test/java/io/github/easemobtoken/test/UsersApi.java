package io.github.easemobtoken.test;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.jspecify.annotations.Nullable;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.github.easemobtoken.test.EasemobStub.USERS_PATH;

/**
 * The protected users API of the WireMock Easemob ({@code GET /users/{username}}): 200 for
 * the one token it accepts, Easemob's 401 for any other.
 */
public final class UsersApi {

	private final WireMockExtension wireMock;

	private final int delayMillis;

	private @Nullable StubMapping accepting;

	public UsersApi(WireMockExtension wireMock) {
		this(wireMock, 0);
	}

	/**
	 * A users API that takes {@code delayMillis} to answer, 200 or 401.
	 * @param wireMock the WireMock Easemob
	 * @param delayMillis how long each answer takes
	 */
	public UsersApi(WireMockExtension wireMock, int delayMillis) {
		this.wireMock = wireMock;
		this.delayMillis = delayMillis;
	}

	/**
	 * Answer 200 to {@code token(n)} only, from now on, and 401 to any other.
	 * @param n the number of the accepted token
	 */
	public void acceptOnly(int n) {
		if (this.accepting != null) {
			this.wireMock.removeStub(this.accepting);
		}
		this.wireMock.stubFor(get(urlPathMatching(USERS_PATH + "/.*")).atPriority(10)
			.willReturn(aResponse().withStatus(401)
				.withFixedDelay(this.delayMillis)
				.withHeader("Content-Type", "application/json")
				.withBody("""
					{"error":"unauthorized","error_description":"Unable to authenticate due to expired access token"}""")));
		this.accepting = this.wireMock.stubFor(get(urlPathMatching(USERS_PATH + "/.*")).atPriority(1)
			.withHeader("Authorization", equalTo("Bearer " + EasemobStub.token(n)))
			.willReturn(okJson("{\"entities\":[{\"username\":\"alice\"}]}").withFixedDelay(this.delayMillis)));
	}

	/**
	 * How many calls the users API received.
	 * @return the number of calls
	 */
	public int calls() {
		return this.wireMock.countRequestsMatching(getRequestedFor(urlPathMatching(USERS_PATH + "/.*")).build())
			.getCount();
	}

	/**
	 * How many calls the users API received with {@code token(n)}.
	 * @param n the number of the token
	 * @return the number of calls
	 */
	public int callsWith(int n) {
		return this.wireMock.countRequestsMatching(getRequestedFor(urlPathMatching(USERS_PATH + "/.*"))
			.withHeader("Authorization", equalTo("Bearer " + EasemobStub.token(n)))
			.build()).getCount();
	}

}
