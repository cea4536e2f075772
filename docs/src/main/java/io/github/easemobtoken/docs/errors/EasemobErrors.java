package io.github.easemobtoken.docs.errors;

import java.time.Duration;
import java.time.Instant;

import io.github.easemobtoken.EasemobTokenUnavailableException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * No app token to be had is Easemob being unavailable to this service, not a fault of the
 * request: 503, with {@code Retry-After} when the next token request is known.
 */
@RestControllerAdvice
public class EasemobErrors {

	@ExceptionHandler(EasemobTokenUnavailableException.class)
	public ResponseEntity<ProblemDetail> tokenUnavailable(EasemobTokenUnavailableException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The chat service is unavailable; try again later");
		ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE);
		Instant next = ex.getNextAttemptAt();
		if (next != null) {
			long seconds = Math.max(1, Duration.between(Instant.now(), next).toSeconds());
			response.header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
		}
		return response.body(problem);
	}

}
