package io.checkpointing.kotlin.versions

import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Path

/**
 * The basic code-change cases of the behavior suite, in Kotlin: each test compiles version 1 and
 * version 2 of a Kotlin class, calls its checkpointed method in version 1, then in version 2 on
 * the same checkpoint directory, and checks whether version 2 ran the method or hit.
 */
class KotlinCodeChangeTest {

    // Must hit: the change cannot affect the result.

    @Test
    fun aCommentHits() = hits(CALC, CALC.replace("        println(\"Running\")", "        // computes it\n        println(\"Running\")"))

    // Not "helper(a)\n + name.length": in Kotlin a line break before "+" ends the statement.
    @Test
    fun reformattingHits() = hits(CALC, CALC.replace("return helper(a) + name.length", "return   helper( a ) +\n            name.length"))

    @Test
    fun renamingParametersHits() = hits(CALC, CALC.replace("(a: Int, name: String)", "(x: Int, label: String)")
        .replace("helper(a) + name.length", "helper(x) + label.length"))

    @Test
    fun renamingALocalHits() = hits(CALC.replace("return helper(a) + name.length", "val sum = helper(a) + name.length\n        return sum"),
        CALC.replace("return helper(a) + name.length", "val total = helper(a) + name.length\n        return total"))

    // Must rerun: the change can affect the result.

    @Test
    fun aChangedBodyReruns() = reruns(CALC, CALC.replace("helper(a) + name.length", "helper(a) * name.length"))

    @Test
    fun aChangedCalleeReruns() = reruns(CALC, CALC.replace("fun helper(value: Int) = value * 2", "fun helper(value: Int) = value * 3"))

    private fun hits(first: String, second: String) {
        assertThat(secondRunRan(first, second))
            .describedAs("version 2 ran the method instead of hitting version 1's result").isFalse()
    }

    private fun reruns(first: String, second: String) {
        assertThat(secondRunRan(first, second))
            .describedAs("version 2 hit version 1's result instead of running the method").isTrue()
    }

    /**
     * Version 1 runs once per source for the whole class, on a store of its own (two first
     * versions may fingerprint alike): a version 2 that reruns stores under its own code's key,
     * which no other case's version 2 shares, so the cases stay independent while each first
     * version costs one compilation and one context.
     */
    private fun secondRunRan(first: String, second: String): Boolean {
        val (store, result1) = firstRuns.getOrPut(first) {
            val store = workspace.resolve("store" + firstRuns.size)
            val (result, ran) = KotlinVersions.run(compiled(first), store, CALL)
            assertThat(ran).describedAs("version 1 ran the method").isTrue()
            store to result
        }
        val (result2, ran2) = KotlinVersions.run(compiled(second), store, CALL)
        if (!ran2) {
            assertThat(result2).isEqualTo(result1)
        }
        return ran2
    }

    private fun compiled(source: String): Path = versions.getOrPut(source) {
        workspace.resolve("v" + versions.size).also { KotlinVersions.compile(source, it) }
    }

    companion object {

        @TempDir
        @JvmStatic
        lateinit var workspace: Path

        private val versions = mutableMapOf<String, Path>()

        private val firstRuns = mutableMapOf<String, Pair<Path, Any?>>()

        private val CALL = { calc: Any -> calc.javaClass.getMethod("foo", Int::class.java, String::class.java).invoke(calc, 3, "ab") }

        val CALC = """
            package demo

            import io.checkpointing.Checkpoint

            open class Calc {

                @Checkpoint
                open fun foo(a: Int, name: String): Int {
                    println("Running")
                    return helper(a) + name.length
                }

                fun helper(value: Int) = value * 2

            }
            """.trimIndent()

    }

}
