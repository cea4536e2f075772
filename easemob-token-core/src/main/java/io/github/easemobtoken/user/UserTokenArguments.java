package io.github.easemobtoken.user;

/**
 * The checks of a username given for a user token.
 *
 * @author easemob-token
 */
final class UserTokenArguments {

	private UserTokenArguments() {
	}

	static void requireUsername(String username) {
		if (username == null || username.isBlank()) {
			throw new IllegalArgumentException("A user token needs a username (Easemob's user ID), not \""
					+ username + "\"");
		}
	}

}
