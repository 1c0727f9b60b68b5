package io.checkpointing.key;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The calls in reached code whose result no key can see: the clock, unseeded randomness, files
 * read by path, the network and databases. A stored result of a method that makes them is the
 * result of one moment, one draw or one content, returned again however they change.
 */
public final class ImpureCalls {

	/** What a call reads, by the class it calls and the method's name ({@code *} for any). */
	private static final Map<String, List<String>> CLOCK = Map.of(
			"java/lang/System", List.of("currentTimeMillis", "nanoTime"),
			"java/time/Instant", List.of("now"), "java/time/LocalDate", List.of("now"),
			"java/time/LocalDateTime", List.of("now"), "java/time/LocalTime", List.of("now"),
			"java/time/ZonedDateTime", List.of("now"), "java/time/OffsetDateTime", List.of("now"),
			"java/time/Clock", List.of("systemUTC", "systemDefaultZone"), "java/util/Calendar", List.of("getInstance"));

	private static final Map<String, List<String>> RANDOMNESS = Map.of(
			"java/lang/Math", List.of("random"), "java/lang/StrictMath", List.of("random"),
			"java/util/concurrent/ThreadLocalRandom", List.of("current"), "java/util/UUID", List.of("randomUUID"),
			"java/security/SecureRandom", List.of("<init>"), "java/util/SplittableRandom", List.of("<init>"));

	private static final Map<String, List<String>> FILES = Map.of(
			"java/nio/file/Files",
			List.of("readAllBytes", "readAllLines", "readString", "lines", "newInputStream", "newBufferedReader", "list",
					"walk", "size", "getLastModifiedTime", "exists", "isRegularFile", "isDirectory"),
			"java/io/FileInputStream", List.of("<init>"), "java/io/FileReader", List.of("<init>"),
			"java/io/RandomAccessFile", List.of("<init>"), "java/util/Scanner", List.of("<init>"),
			"java/io/File", List.of("exists", "length", "lastModified", "list", "listFiles", "isFile", "isDirectory"));

	private static final Map<String, List<String>> NETWORK = Map.of(
			"java/net/Socket", List.of("<init>"), "java/net/URL", List.of("openStream", "openConnection"),
			"java/net/http/HttpClient", List.of("send", "sendAsync"),
			"org/springframework/web/client/RestTemplate", List.of("*"),
			"org/springframework/web/client/RestClient", List.of("get", "post", "put", "patch", "delete", "method"),
			"org/springframework/web/reactive/function/client/WebClient",
			List.of("get", "post", "put", "patch", "delete", "method"));

	private static final Map<String, List<String>> DATABASE = Map.of(
			"java/sql/DriverManager", List.of("getConnection"), "javax/sql/DataSource", List.of("getConnection"),
			"java/sql/Statement", List.of("*"), "java/sql/PreparedStatement", List.of("*"),
			"org/springframework/jdbc/core/JdbcTemplate", List.of("*"),
			"org/springframework/jdbc/core/namedparam/NamedParameterJdbcTemplate", List.of("*"),
			"org/springframework/jdbc/core/simple/JdbcClient", List.of("sql"));

	/** The kinds a call can be acknowledged by. */
	public static final List<String> KINDS = List.of("clock", "randomness", "file", "network", "database");

	/** A call as warnings name it: a class's binary name, {@code #}, a method's name. */
	private static final Pattern CALL = Pattern.compile("[\\p{javaJavaIdentifierPart}.$]+#[\\p{javaJavaIdentifierPart}<>]+");

	private ImpureCalls() {
	}

	/**
	 * @param acknowledged what a method's {@code @Checkpoint(acknowledge)} says
	 * @return the values that name neither a kind nor a call, so acknowledge nothing
	 */
	public static List<String> unknownAcknowledgements(Collection<String> acknowledged) {
		return acknowledged.stream().filter((value) -> !KINDS.contains(value) && !CALL.matcher(value).matches()).toList();
	}

	/**
	 * @param code what the walk found in a method's reached code
	 * @param acknowledged kinds ({@code clock}) or calls ({@code java.lang.System#nanoTime}) the
	 * user has acknowledged for this method
	 * @return the impure calls not acknowledged, in the order the walk found them
	 */
	public static List<ImpureCall> in(MethodCode code, Collection<String> acknowledged) {
		List<ImpureCall> found = new ArrayList<>();
		for (OutsideCall call : code.outsideCalls()) {
			String kind = kindOf(call);
			if (kind != null && !acknowledged.contains(kind)
					&& !acknowledged.contains(call.owner().replace('/', '.') + "#" + call.name())) {
				found.add(new ImpureCall(kind, call));
			}
		}
		return found;
	}

	private static @Nullable String kindOf(OutsideCall call) {
		if (matches(CLOCK, call) || isNoArgumentConstructor(call, "java/util/Date")) {
			return "clock";
		}
		if (matches(RANDOMNESS, call) || isNoArgumentConstructor(call, "java/util/Random")) {
			return "randomness";
		}
		if (matches(FILES, call)) {
			return "file";
		}
		if (matches(NETWORK, call)) {
			return "network";
		}
		return matches(DATABASE, call) ? "database" : null;
	}

	private static boolean matches(Map<String, List<String>> calls, OutsideCall call) {
		List<String> names = calls.get(call.owner());
		return names != null && (names.contains(call.name()) || (names.contains("*") && !call.name().startsWith("<")));
	}

	/** {@code new Date()} reads the clock and {@code new Random()} seeds itself from it. */
	private static boolean isNoArgumentConstructor(OutsideCall call, String owner) {
		return call.owner().equals(owner) && call.name().equals("<init>") && call.descriptor().equals("()V");
	}

	/**
	 * A call whose result no key can see.
	 * @param kind {@code clock}, {@code randomness}, {@code file}, {@code network} or {@code database}
	 * @param call the call, with where it is made
	 */
	public record ImpureCall(String kind, OutsideCall call) {

		/** @return what is called and from where, such as {@code java.lang.System#nanoTime from demo.Calc line 12} */
		public String describe() {
			return this.call.owner().replace('/', '.') + "#" + this.call.name() + " from "
					+ this.call.callingClass().replace('/', '.') + ((this.call.line() > 0) ? " line " + this.call.line() : "");
		}

	}

}
