package io.checkpointing.key;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.tools.ToolProvider;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which classes outside the application packages the walk follows: those from a directory or an
 * unreleased jar; never the JDK's, a released library's, or an excluded package's.
 */
class CodeOriginsTest {

	private static final String TOOL = "com/acme/common/Tool";

	@TempDir
	Path folder;

	private Path classes;

	@BeforeEach
	void compileTool() throws IOException {
		Path source = Files.createDirectories(this.folder.resolve("src")).resolve("Tool.java");
		Files.writeString(source, "package com.acme.common;\npublic class Tool { public static int twice(int a) { return a * 2; } }");
		this.classes = Files.createDirectories(this.folder.resolve("classes"));
		int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", this.classes.toString(), source.toString());
		assertThat(status).isZero();
	}

	@Test
	void aClassFromADirectoryIsFollowed() throws Exception {
		assertThat(isFollowed(this.classes, CodeScope.transitive(List.of()))).isTrue();
	}

	@Test
	void aClassFromASnapshotJarIsFollowed() throws Exception {
		assertThat(isFollowed(jar("acme-common-1.2-SNAPSHOT.jar", null), CodeScope.transitive(List.of()))).isTrue();
	}

	@Test
	void aClassFromAJarWithNoVersionIsFollowed() throws Exception {
		assertThat(isFollowed(jar("acme-common.jar", null), CodeScope.transitive(List.of()))).isTrue();
	}

	@Test
	void aClassFromAReleasedJarIsNotFollowed() throws Exception {
		assertThat(isFollowed(jar("acme-common-1.2.jar", null), CodeScope.transitive(List.of()))).isFalse();
		assertThat(isFollowed(jar("acme-common.jar", "3.1.0"), CodeScope.transitive(List.of()))).isFalse();
	}

	@Test
	void aSnapshotVersionInTheManifestIsFollowed() throws Exception {
		assertThat(isFollowed(jar("acme-common.jar", "3.1.0-SNAPSHOT"), CodeScope.transitive(List.of()))).isTrue();
	}

	@Test
	void anExcludedPackageIsNeverFollowed() throws Exception {
		CodeScope scope = CodeScope.transitive(List.of("com.acme")).withExcludedPackages(List.of("com.acme.common"));
		assertThat(isFollowed(this.classes, scope)).isFalse();
	}

	@Test
	void theJdkIsNeverFollowedAndTheMethodScopeFollowsNothing() throws Exception {
		CodeOrigins origins = new CodeOrigins(CodeScope.transitive(List.of()), new LibraryVersions());
		assertThat(origins.isFollowed("java/util/List", "demo", getClass().getClassLoader())).isFalse();
		assertThat(isFollowed(this.classes, CodeScope.methodOnly())).isFalse();
	}

	private boolean isFollowed(Path location, CodeScope scope) throws IOException {
		try (URLClassLoader loader = new URLClassLoader(new URL[] { location.toUri().toURL() }, null)) {
			return new CodeOrigins(scope, new LibraryVersions()).isFollowed(TOOL, "demo", loader);
		}
	}

	private Path jar(String name, @Nullable String implementationVersion) throws IOException {
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		if (implementationVersion != null) {
			manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, implementationVersion);
		}
		Path jar = this.folder.resolve(name);
		try (OutputStream out = Files.newOutputStream(jar); JarOutputStream entries = new JarOutputStream(out, manifest)) {
			entries.putNextEntry(new JarEntry(TOOL + ".class"));
			entries.write(Files.readAllBytes(this.classes.resolve(TOOL + ".class")));
			entries.closeEntry();
		}
		return jar;
	}

}
