package io.checkpointing.sample;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Reads Prometheus' text format and the PromQL of a Grafana dashboard, for the test that checks
 * one against the other.
 */
final class PrometheusSamples {

	/** A sample line: {@code name{label="value",...} value}, labels optional. */
	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s");

	private static final Pattern LABEL_IN_SAMPLE = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");

	private static final Pattern METER = Pattern.compile("\\bcheckpointing_[a-zA-Z0-9_]+");

	/** {@code label="..."}, {@code label=~"..."}, {@code label!="..."} inside braces. */
	private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"");

	private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");

	private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*[a-zA-Z_:][a-zA-Z0-9_:]*\\s*,\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)");

	private PrometheusSamples() {
	}

	/** @return each sample name of a scrape, with the labels its samples carry */
	static Map<String, Set<String>> labelsByName(String scrape) {
		Map<String, Set<String>> labels = new TreeMap<>();
		scrape.lines().filter((line) -> !line.startsWith("#") && !line.isBlank()).forEach((line) -> {
			Matcher sample = SAMPLE.matcher(line);
			if (sample.find()) {
				Set<String> names = labels.computeIfAbsent(sample.group(1), (name) -> new LinkedHashSet<>());
				if (sample.group(3) != null) {
					Matcher label = LABEL_IN_SAMPLE.matcher(sample.group(3));
					while (label.find()) {
						names.add(label.group(1));
					}
				}
			}
		});
		return labels;
	}

	/** @return the PromQL of every panel target and every query variable of a dashboard */
	static List<String> queriesOf(JsonNode dashboard) {
		List<String> queries = new ArrayList<>();
		for (JsonNode panel : dashboard.get("panels")) {
			for (JsonNode target : panel.get("targets")) {
				queries.add(target.get("expr").asString());
			}
		}
		for (JsonNode variable : dashboard.get("templating").get("list")) {
			if ("query".equals(variable.get("type").asString())) {
				queries.add(variable.get("definition").asString());
			}
		}
		return queries;
	}

	/** @return the checkpointing meters a query names, as sample names */
	static Set<String> metersIn(String query) {
		Set<String> meters = new LinkedHashSet<>();
		Matcher meter = METER.matcher(query);
		while (meter.find()) {
			meters.add(meter.group());
		}
		return meters;
	}

	/** @return the labels a query matches, groups by or asks the values of */
	static Set<String> labelsIn(String query) {
		Set<String> labels = new LinkedHashSet<>();
		Matcher matcher = MATCHER.matcher(query);
		while (matcher.find()) {
			labels.add(matcher.group(1));
		}
		Matcher grouping = GROUPING.matcher(query);
		while (grouping.find()) {
			for (String label : grouping.group(1).split(",")) {
				if (!label.isBlank()) {
					labels.add(label.trim());
				}
			}
		}
		Matcher values = LABEL_VALUES.matcher(query);
		while (values.find()) {
			labels.add(values.group(1));
		}
		return labels;
	}

}
