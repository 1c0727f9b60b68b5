package io.checkpointing.key;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The strongly connected components of a call graph (Tarjan's algorithm), without recursion so
 * that deep call chains cannot overflow the stack. Methods that call each other form one
 * component and are hashed together.
 */
final class StronglyConnected {

	private StronglyConnected() {
	}

	/**
	 * @param start where the graph is entered
	 * @param successors the nodes a node calls
	 * @return the components reachable from {@code start}, each listed after every component it calls
	 */
	static <N> List<List<N>> components(N start, Function<N, List<N>> successors) {
		List<List<N>> components = new ArrayList<>();
		Map<N, int[]> marks = new HashMap<>(); // index, lowlink
		Deque<N> stack = new ArrayDeque<>();
		Set<N> onStack = new HashSet<>();
		Deque<Frame<N>> work = new ArrayDeque<>();
		int counter = 0;
		marks.put(start, new int[] { counter, counter++ });
		stack.push(start);
		onStack.add(start);
		work.push(new Frame<>(start, successors.apply(start).iterator()));
		while (!work.isEmpty()) {
			Frame<N> frame = work.peek();
			N node = frame.node();
			// Marked when it was pushed onto the work stack.
			int[] nodeMarks = Objects.requireNonNull(marks.get(node));
			if (frame.next().hasNext()) {
				N successor = frame.next().next();
				int[] successorMarks = marks.get(successor);
				if (successorMarks == null) {
					marks.put(successor, new int[] { counter, counter++ });
					stack.push(successor);
					onStack.add(successor);
					work.push(new Frame<>(successor, successors.apply(successor).iterator()));
				}
				else if (onStack.contains(successor)) {
					nodeMarks[1] = Math.min(nodeMarks[1], successorMarks[0]);
				}
				continue;
			}
			work.pop();
			if (!work.isEmpty()) {
				int[] callerMarks = Objects.requireNonNull(marks.get(work.peek().node()));
				callerMarks[1] = Math.min(callerMarks[1], nodeMarks[1]);
			}
			if (nodeMarks[1] == nodeMarks[0]) {
				List<N> component = new ArrayList<>();
				N member;
				do {
					member = stack.pop();
					onStack.remove(member);
					component.add(member);
				}
				while (member != node);
				components.add(component);
			}
		}
		return components;
	}

	private record Frame<N>(N node, Iterator<N> next) {

	}

}
