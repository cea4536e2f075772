#!/usr/bin/env python3
"""(h) The runtime class paths of the Spring MVC sample in three variants, and what the
starter adds to each, jar by jar:

  without-starter   the sample's pom minus the starter
  with-restclient   the sample's pom with Spring Boot's spring-boot-restclient in place of the
                    starter: an MVC application that already uses Boot's RestClient support
  with-starter      the sample's pom with the starter as it comes (Spring WebFlux included)
  with-starter-lean the sample's pom as it is: the starter minus Spring WebFlux (its exclusions)

Each class path goes to samples/easemob-token-mvc-sample/target/classpath-<variant>.txt, where
MvcStartupBenchmark reads it. Run from the repository root after `./mvnw -B install -DskipTests`.
"""

import os
import re
import subprocess
import sys

SAMPLE = "samples/easemob-token-mvc-sample"
STARTER = re.compile(r"\s*<dependency>\s*<groupId>io\.github\.easemobtoken</groupId>\s*"
                     r"<artifactId>easemob-token-starter</artifactId>.*?</dependency>", re.S)
RESTCLIENT = """
		<dependency>
			<groupId>org.springframework.boot</groupId>
			<artifactId>spring-boot-restclient</artifactId>
		</dependency>"""
EXCLUSIONS = re.compile(r"\s*<!--[^>]*-->\s*<exclusions>.*?</exclusions>", re.S)


def variant_poms(pom):
    starter = STARTER.search(pom)
    if not starter or not EXCLUSIONS.search(starter.group(0)):
        sys.exit("the sample's pom no longer has the starter with its exclusions")
    return {
        "without-starter": pom.replace(starter.group(0), ""),
        "with-restclient": pom.replace(starter.group(0), RESTCLIENT),
        "with-starter": pom.replace(starter.group(0), EXCLUSIONS.sub("", starter.group(0))),
        "with-starter-lean": pom,
    }


def class_path(variant, pom):
    path = os.path.join(SAMPLE, "pom-" + variant + ".xml")
    with open(path, "w") as out:
        out.write(pom)
    try:
        subprocess.run([os.path.abspath("mvnw"), "-B", "-q", "-o", "-f", path, "dependency:build-classpath",
                        "-Dmdep.includeScope=runtime",
                        "-Dmdep.outputFile=target/classpath-" + variant + ".txt"], check=True)
    finally:
        os.remove(path)
    with open(os.path.join(SAMPLE, "target", "classpath-" + variant + ".txt")) as cp:
        return [jar for jar in cp.read().strip().split(os.pathsep) if jar]


def added(jars, baseline):
    names = {os.path.basename(jar) for jar in baseline}
    return sorted((jar for jar in jars if os.path.basename(jar) not in names), key=os.path.getsize, reverse=True)


def main():
    with open(os.path.join(SAMPLE, "pom.xml")) as pom:
        poms = variant_poms(pom.read())
    paths = {variant: class_path(variant, pom) for variant, pom in poms.items()}
    baseline = paths["without-starter"]
    print("without the starter: %d jars, %s bytes" % (len(baseline), format(sum(map(os.path.getsize, baseline)), ",")))
    for variant in ("with-restclient", "with-starter", "with-starter-lean"):
        jars = added(paths[variant], baseline)
        print("\n%s adds %d jars, %s bytes" % (variant, len(jars), format(sum(map(os.path.getsize, jars)), ",")))
        for jar in jars:
            print("  %-50s %12s" % (os.path.basename(jar), format(os.path.getsize(jar), ",")))


if __name__ == "__main__":
    main()
