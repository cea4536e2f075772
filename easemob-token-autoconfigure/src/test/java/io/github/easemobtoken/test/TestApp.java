package io.github.easemobtoken.test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.easemobtoken.EasemobApp;
import io.github.easemobtoken.EasemobCredentials;
import io.github.easemobtoken.test.FakeEasemob.Fault;

/**
 * The app these tests run against, on the {@link FakeEasemob} of {@code easemob-token-test}:
 * its identity, and tokens numbered so that a test can name the n-th one before it is
 * issued.
 */
public final class TestApp {

	public static final String ORG = "easemob-demo";

	public static final String APP = "testapp";

	public static final String APP_KEY = ORG + "#" + APP;

	public static final String TOKEN_PATH = "/" + ORG + "/" + APP + "/token";

	public static final String USERS_PATH = "/" + ORG + "/" + APP + "/users";

	public static final String CLIENT_ID = "YXA6i-Ak8Ol4Eei2l11ZjV-EAg";

	public static final String CLIENT_SECRET = "YXA6VunqiNxoB7IwXHInk1cGiXOOJfc";

	/** An application UUID, for tokens made up by a test. */
	public static final String APPLICATION = "8be024f0-e978-11e8-b697-5d598d5f8402";

	private static final String TOKEN_PREFIX = "YWMte3bGuOukEeiTkNP4grL7iwAAAAAAAAAAAAAAAAAAAAGL4CTw6XgR6LaXXVmNX4QCAgMAAAFnKdc";

	private static final AtomicInteger issued = new AtomicInteger();

	private TestApp() {
	}

	/**
	 * A fake Easemob for a test class, serving this app (and {@code otherApps}, with the
	 * same credentials) with {@linkplain #token(int) numbered tokens}.
	 * @param otherApps more apps, {@code org#app}
	 * @return the extension to register
	 */
	public static FakeEasemobExtension fake(String... otherApps) {
		return new FakeEasemobExtension((builder) -> {
			serveTestApp(builder);
			for (String other : otherApps) {
				builder.app(other, CLIENT_ID, CLIENT_SECRET);
			}
			return builder;
		});
	}

	/**
	 * Make a fake serve this app first, with numbered tokens.
	 * @param builder the fake's builder
	 * @return the builder
	 */
	public static FakeEasemob.Builder serveTestApp(FakeEasemob.Builder builder) {
		return builder.app(APP_KEY, CLIENT_ID, CLIENT_SECRET).tokens(() -> token(issued.incrementAndGet()));
	}

	/**
	 * The n-th token the fake issues (from 1) since the last {@link #issueTokens}. Its last
	 * four characters are the number.
	 * @param n the number
	 * @return the token
	 */
	public static String token(int n) {
		return TOKEN_PREFIX + "%04d".formatted(n);
	}

	public static EasemobApp app(FakeEasemobExtension easemob) {
		return new EasemobApp(URI.create(easemob.fake().baseUrl()), ORG, APP);
	}

	public static EasemobCredentials credentials() {
		return new EasemobCredentials(CLIENT_ID, CLIENT_SECRET);
	}

	public static String baseUrl(FakeEasemobExtension easemob) {
		return easemob.fake().baseUrl();
	}

	public static int port(FakeEasemobExtension easemob) {
		return URI.create(easemob.fake().baseUrl()).getPort();
	}

	/**
	 * Register the users these tests ask for: alice, bob, slow, u0 to u999 and user0 to
	 * user999.
	 * @param easemob the fake
	 */
	public static void addUsers(FakeEasemobExtension easemob) {
		easemob.fake().addUsers(APP_KEY, "alice", "bob", "slow");
		for (int i = 0; i < 1000; i++) {
			easemob.fake().addUsers(APP_KEY, "u" + i, "user" + i);
		}
	}

	/**
	 * The users API calls the fake received on one path.
	 * @param easemob the fake
	 * @param path the path, such as {@code USERS_PATH + "/alice"}
	 * @return the calls, in order
	 */
	public static List<FakeEasemob.ApiRequest> calls(FakeEasemobExtension easemob, String path) {
		return easemob.fake().apiRequests().stream().filter((call) -> call.path().equals(path)).toList();
	}

	/**
	 * Issue tokens that live {@code expiresIn} seconds, numbered from 1 again.
	 * @param easemob the fake
	 * @param expiresIn the {@code expires_in} to answer
	 */
	public static void issueTokens(FakeEasemobExtension easemob, long expiresIn) {
		issueTokens(easemob, expiresIn, 0);
	}

	/**
	 * Issue tokens that live {@code expiresIn} seconds after a delay, numbered from 1
	 * again.
	 * @param easemob the fake
	 * @param expiresIn the {@code expires_in} to answer
	 * @param delayMillis how long each answer takes
	 */
	public static void issueTokens(FakeEasemobExtension easemob, long expiresIn, int delayMillis) {
		issued.set(0);
		continueIssuingTokens(easemob, expiresIn, delayMillis);
	}

	/**
	 * Issue tokens again (after {@link #failWith}), carrying on the numbering.
	 * @param easemob the fake
	 * @param expiresIn the {@code expires_in} to answer
	 * @param delayMillis how long each answer takes
	 */
	public static void continueIssuingTokens(FakeEasemobExtension easemob, long expiresIn, int delayMillis) {
		FakeEasemob fake = easemob.fake();
		fake.stopFailingTokenRequests();
		fake.tokenLifetime(Duration.ofSeconds(expiresIn));
		fake.tokenDelay(Duration.ofMillis(delayMillis));
	}

	/**
	 * Issue tokens of another app the fake serves that live {@code expiresIn} seconds.
	 * @param easemob the fake
	 * @param org the app's organization
	 * @param app the app's name
	 * @param expiresIn the {@code expires_in} to answer
	 */
	public static void issueTokens(FakeEasemobExtension easemob, String org, String app, long expiresIn) {
		if (easemob.fake().apps().stream().noneMatch((served) -> served.appKey().equals(org + "#" + app))) {
			throw new IllegalArgumentException(org + "#" + app + " is not one of the apps of " + easemob.fake());
		}
		easemob.fake().tokenLifetime(Duration.ofSeconds(expiresIn));
	}

	/**
	 * How many token requests for another app the fake received.
	 * @param easemob the fake
	 * @param org the app's organization
	 * @param app the app's name
	 * @return the count
	 */
	public static int tokenRequests(FakeEasemobExtension easemob, String org, String app) {
		return easemob.fake().tokenRequestCount(org + "#" + app);
	}

	/**
	 * Answer every token request with an Easemob error until tokens are issued again.
	 * @param easemob the fake
	 * @param status the HTTP status
	 * @param error the {@code error} field
	 * @param description the {@code error_description} field
	 */
	public static void failWith(FakeEasemobExtension easemob, int status, String error, String description) {
		easemob.fake().failEveryTokenRequest(Fault.status(status, error, description));
	}

	/**
	 * How many token requests for this app the fake received.
	 * @param easemob the fake
	 * @return the count
	 */
	public static int tokenRequests(FakeEasemobExtension easemob) {
		return easemob.fake().tokenRequestCount(APP_KEY);
	}

}
