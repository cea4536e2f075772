package io.github.easemobtoken.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the documentation's code from drifting from the code the build compiles and tests.
 * In {@code README.md}, {@code CONTRIBUTING.md} and {@code docs/*.md}, a code block preceded by
 * {@code <!-- include: path -->} must be that file, and one preceded by
 * {@code <!-- include: path[tag] -->} the lines between {@code tag::tag[]} and
 * {@code end::tag[]} in it (a marked fragment); every Java block must be one of them. Run
 * with {@code -Ddocs.update=true} to rewrite the blocks from their sources.
 */
class DocumentationSnippetsTests {

	private static final Pattern INCLUDE = Pattern.compile("^<!-- include: ([^\\s\\[]+)(?:\\[([\\w-]+)])? -->$");

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	@Test
	void shouldShowEveryCodeBlockAsItIsInTheSourcesTheBuildCompiles() throws IOException {
		boolean update = Boolean.getBoolean("docs.update");
		List<String> problems = new ArrayList<>();
		int included = 0;
		for (Path markdown : markdownFiles()) {
			List<String> lines = Files.readAllLines(markdown, StandardCharsets.UTF_8);
			List<String> rewritten = new ArrayList<>();
			String where = ROOT.relativize(markdown).toString();
			for (int i = 0; i < lines.size(); i++) {
				String line = lines.get(i);
				rewritten.add(line);
				Matcher include = INCLUDE.matcher(line.strip());
				if (include.matches()) {
					if (i + 1 >= lines.size() || !lines.get(i + 1).startsWith("```")) {
						problems.add(where + ":" + (i + 1) + ": an include not followed by a code block");
						continue;
					}
					int end = closingFence(lines, i + 2);
					List<String> expected = snippet(include.group(1), include.group(2));
					List<String> shown = lines.subList(i + 2, end);
					if (!shown.equals(expected)) {
						problems.add(where + ":" + (i + 2) + ": differs from " + include.group(0).strip());
					}
					rewritten.add(lines.get(i + 1));
					rewritten.addAll(expected);
					rewritten.add(lines.get(end));
					i = end;
					included++;
				}
				else if (line.startsWith("```java")) {
					problems.add(where + ":" + (i + 1) + ": a Java block that is not included from a compiled source");
				}
			}
			if (update) {
				Files.write(markdown, rewritten, StandardCharsets.UTF_8);
			}
		}
		if (!update) {
			assertThat(problems).as("run ./mvnw -pl docs test -Ddocs.update=true to rewrite them").isEmpty();
		}
		assertThat(included).as("included blocks").isGreaterThanOrEqualTo(10);
	}

	private static List<Path> markdownFiles() throws IOException {
		List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("CONTRIBUTING.md")));
		try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(files::add);
		}
		return files;
	}

	private static int closingFence(List<String> lines, int from) {
		for (int i = from; i < lines.size(); i++) {
			if (lines.get(i).startsWith("```")) {
				return i;
			}
		}
		throw new IllegalStateException("a code block that is not closed");
	}

	/** The file, or its tagged region, with the tag lines left out and tabs as four spaces. */
	static List<String> snippet(String path, String tag) {
		Path file = ROOT.resolve(path);
		assertThat(file).as("an included file").exists();
		assertThat(path).as("included from a file the build compiles or reads")
			.matches("(samples/[\\w-]+|docs|easemob-token-[\\w-]+)/(pom\\.xml|src/(main|test)/.*)");
		List<String> lines;
		try {
			lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (tag != null) {
			int start = indexOf(lines, "tag::" + tag + "[]", 0, path);
			int end = indexOf(lines, "end::" + tag + "[]", start, path);
			lines = dedent(lines.subList(start + 1, end));
		}
		return lines.stream()
			.filter((line) -> !line.contains("tag::") && !line.contains("end::"))
			.map((line) -> line.replace("\t", "    ").stripTrailing())
			.toList();
	}

	private static int indexOf(List<String> lines, String marker, int from, String path) {
		for (int i = from; i < lines.size(); i++) {
			if (lines.get(i).contains(marker)) {
				return i;
			}
		}
		throw new IllegalStateException(path + " has no " + marker);
	}

	private static List<String> dedent(List<String> lines) {
		int indent = lines.stream()
			.filter((line) -> !line.isBlank())
			.mapToInt((line) -> line.length() - line.stripLeading().length())
			.min()
			.orElse(0);
		return lines.stream().map((line) -> line.isBlank() ? "" : line.substring(indent)).toList();
	}

}
