package io.checkpointing.kotlin.versions

import org.jetbrains.kotlin.cli.common.ExitCode
import org.jetbrains.kotlin.cli.jvm.K2JVMCompiler
import org.springframework.beans.factory.config.BeanDefinitionCustomizer
import org.springframework.boot.WebApplicationType
import org.springframework.boot.autoconfigure.EnableAutoConfiguration
import org.springframework.boot.builder.SpringApplicationBuilder
import org.springframework.context.ApplicationContextInitializer
import org.springframework.context.annotation.Configuration
import org.springframework.context.support.GenericApplicationContext
import org.springframework.core.io.DefaultResourceLoader
import java.io.ByteArrayOutputStream
import java.io.PrintStream
import java.net.URLClassLoader
import java.nio.file.Files
import java.nio.file.Path

/**
 * The Kotlin counterpart of the behavior suite's program versions: a version is the source of
 * `demo.Calc`, compiled in the test by the Kotlin compiler into a folder of its own, and run in
 * a class loader of its own (so the code fingerprint reads that version's bytecode) as a bean of
 * a fresh application context on a shared checkpoint directory, as a new JVM would.
 */
object KotlinVersions {

    /** Compiles `demo/Calc.kt` into `classes`. */
    fun compile(source: String, classes: Path) {
        val sources = Files.createDirectories(classes.resolveSibling(classes.fileName.toString() + "-src"))
        val file = Files.writeString(sources.resolve("Calc.kt"), source)
        val messages = ByteArrayOutputStream()
        val exit = PrintStream(messages, true, Charsets.UTF_8).use { out ->
            K2JVMCompiler().exec(out, file.toString(), "-d", classes.toString(),
                "-classpath", System.getProperty("java.class.path"), "-no-stdlib", "-no-reflect",
                "-jvm-target", "17", "-java-parameters")
        }
        check(exit == ExitCode.OK) { "The version does not compile:\n$messages\n$source" }
    }

    /**
     * Runs `call` on the `demo.Calc` bean of the version in `classes`.
     * @return what the call returned, and whether the method's body ran (it prints "Running")
     */
    fun run(classes: Path, store: Path, call: (Any) -> Any?): Pair<Any?, Boolean> {
        URLClassLoader(arrayOf(classes.toUri().toURL()), KotlinVersions::class.java.classLoader).use { loader ->
            val calc = loader.loadClass("demo.Calc")
            val context = SpringApplicationBuilder(ProgramConfiguration::class.java)
                .resourceLoader(DefaultResourceLoader(loader))
                .initializers(ApplicationContextInitializer<GenericApplicationContext> { it.registerBean("calc", calc, *arrayOf<BeanDefinitionCustomizer>()) })
                .web(WebApplicationType.NONE)
                .properties("checkpointing.directory=$store", "spring.main.banner-mode=off",
                    "spring.main.log-startup-info=false")
                .run()
            context.use {
                val printed = ByteArrayOutputStream()
                val out = System.out
                System.setOut(PrintStream(printed, true, Charsets.UTF_8))
                val result = try {
                    call(it.getBean("calc"))
                } finally {
                    System.setOut(out)
                }
                return result to printed.toString(Charsets.UTF_8).contains("Running")
            }
        }
    }

    /** The application of a version: the starter's auto-configuration and the version's bean. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    class ProgramConfiguration

}
