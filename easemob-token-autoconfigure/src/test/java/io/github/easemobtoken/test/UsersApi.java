package io.github.easemobtoken.test;

import java.time.Duration;

/**
 * The protected users API of the fake Easemob ({@code GET /users/{username}}) as these
 * tests use it: the users they ask for exist, and it accepts one numbered token at a time.
 */
public final class UsersApi {

	private final FakeEasemobExtension easemob;

	private final int delayMillis;

	public UsersApi(FakeEasemobExtension easemob) {
		this(easemob, 0);
	}

	/**
	 * A users API that takes {@code delayMillis} to answer, 200 or 401.
	 * @param easemob the fake Easemob
	 * @param delayMillis how long each answer takes
	 */
	public UsersApi(FakeEasemobExtension easemob, int delayMillis) {
		this.easemob = easemob;
		this.delayMillis = delayMillis;
	}

	/**
	 * Answer 200 to {@code token(n)} only, from now on, and 401 to the other numbered
	 * tokens, issued or not (the fake is set up here, not in the constructor: a test
	 * instance is made before the fake's reset).
	 * @param n the number of the accepted token
	 */
	public void acceptOnly(int n) {
		FakeEasemob fake = this.easemob.fake();
		fake.apiDelay(Duration.ofMillis(this.delayMillis));
		TestApp.addUsers(this.easemob);
		for (int i = 1; i < n + 100; i++) {
			if (i != n) {
				fake.revoke(TestApp.token(i));
			}
		}
		fake.accept(TestApp.APP_KEY, TestApp.token(n));
	}

	/**
	 * How many calls the users API received.
	 * @return the number of calls
	 */
	public int calls() {
		return this.easemob.fake().apiRequests().size();
	}

	/**
	 * How many calls the users API received with {@code token(n)}.
	 * @param n the number of the token
	 * @return the number of calls
	 */
	public int callsWith(int n) {
		String token = TestApp.token(n);
		return (int) this.easemob.fake().apiRequests().stream().filter((call) -> token.equals(call.token())).count();
	}

}
