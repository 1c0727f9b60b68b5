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

    @TempDir
    lateinit var workspace: Path

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

    private fun secondRunRan(first: String, second: String): Boolean {
        val store = workspace.resolve("store")
        val call = { calc: Any -> calc.javaClass.getMethod("foo", Int::class.java, String::class.java).invoke(calc, 3, "ab") }
        val v1 = workspace.resolve("v1")
        KotlinVersions.compile(first, v1)
        val (result1, ran1) = KotlinVersions.run(v1, store, call)
        assertThat(ran1).describedAs("version 1 ran the method").isTrue()
        val v2 = workspace.resolve("v2")
        KotlinVersions.compile(second, v2)
        val (result2, ran2) = KotlinVersions.run(v2, store, call)
        if (!ran2) {
            assertThat(result2).isEqualTo(result1)
        }
        return ran2
    }

    companion object {

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
