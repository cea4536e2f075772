package io.github.easemobtoken;

import org.jspecify.annotations.Nullable;

/**
 * Base class of the errors easemob-token reports. Messages never contain the client
 * secret or a whole token.
 *
 * @author easemob-token
 */
public abstract class EasemobTokenException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	protected EasemobTokenException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
