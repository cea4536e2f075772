package io.github.easemobtoken.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A WebFlux application that registers and reads Easemob users through
 * {@code easemobWebClient}. Run it with the {@code demo} profile to talk to a fake Easemob
 * started in the same process.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
