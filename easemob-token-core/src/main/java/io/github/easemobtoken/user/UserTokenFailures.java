package io.github.easemobtoken.user;

import io.github.easemobtoken.EasemobApp;
import io.github.easemobtoken.EasemobSettingKeys;
import io.github.easemobtoken.EasemobUserTokenException;
import org.jspecify.annotations.Nullable;

/**
 * The failures of a user-token request, each with what to do, as the user-token page lists
 * them. Never a token or the secret: Easemob's {@code error} and {@code error_description},
 * the status and the username only.
 *
 * @author easemob-token
 */
final class UserTokenFailures {

	private UserTokenFailures() {
	}

	static EasemobUserTokenException refused(EasemobApp app, EasemobSettingKeys keys, String username, int status,
			@Nullable String error, @Nullable String description) {
		String reason = (status >= 500) ? "server_error" : (error != null) ? error : "client_error";
		String message = "user token for '" + username + "': " + reason + " (HTTP " + status + ")"
				+ ((description != null) ? ": " + description : "") + " — "
				+ advice(app, keys, status, error, description);
		return new EasemobUserTokenException(message, username, status, error, description, reason, null);
	}

	static EasemobUserTokenException malformed(EasemobApp app, String username, String what) {
		return new EasemobUserTokenException("user token for '" + username + "': malformed_response (HTTP 200): "
				+ what + " — report it; the request to " + app.tokenUri() + " answered 200 with no usable token",
				username, 200, null, null, "malformed_response", null);
	}

	private static String advice(EasemobApp app, EasemobSettingKeys keys, int status, @Nullable String error,
			@Nullable String description) {
		String text = (description != null) ? description : "";
		if (status >= 500) {
			return "Easemob had a server error; try again later";
		}
		if ("invalid_grant".equals(error) && text.contains("not activated")) {
			return "the user is deactivated (banned): reactivate the user in the Easemob console or with the users "
					+ "API before issuing a token";
		}
		if ("invalid_grant".equals(error) || "entity_not_found".equals(error)) {
			return "no such user in app " + app.appKey() + ": create the user first (POST /users), or set "
					+ keys.key("user-token.auto-create-user") + "=true";
		}
		if ("resource_limited".equals(error)) {
			return "creating the user would exceed the user limit of the app's Easemob plan: upgrade the plan or "
					+ "delete users";
		}
		if ("illegal_argument".equals(error)) {
			return "Easemob refused the username (letters, digits and _-. only, at most 64 characters)";
		}
		if ("organization_application_not_found".equals(error)) {
			return "check " + keys.key("app-key") + " and that " + keys.key("host") + " is the app's cluster";
		}
		if ("concurrent_operation_error".equals(error)) {
			return "several requests created this new user at once, and the one resend after 1 s failed too; try "
					+ "again";
		}
		if (status == 401) {
			return "Easemob rejected the app token twice: check that " + keys.key("host")
					+ " is the app's cluster ('Rest Api' in the console)";
		}
		if (status == 429) {
			return "more than Easemob's 300 token requests a second for this app key, app and user tokens "
					+ "together: lower " + keys.key("user-token.max-requests-per-second");
		}
		return "check " + keys.key("host") + " ('Rest Api' in the console)";
	}

}
