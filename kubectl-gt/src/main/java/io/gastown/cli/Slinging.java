package io.gastown.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.gastown.cli.git.Changes;
import io.gastown.cli.git.RepositoryState;
import io.gastown.model.NamepoolTheme;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatSpec;
import io.gastown.model.Rig;
import io.gastown.render.PolecatManifests;
import io.gastown.render.PolecatRequest;
import io.gastown.render.Polecats;
import io.gastown.render.RenderedFile;
import io.gastown.render.ThemedNames;
import io.gastown.validation.PolecatBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.IntStream;

/**
 * Puts polecats into a rig's directory: names them, builds them from the Rig (or from another
 * polecat's spec: {@code polecat rerun}), validates and renders them.
 */
public final class Slinging {
  private Slinging() {}

  /**
   * Adds one polecat per request to the changes. Requests without a name get themed names (the
   * theme given, else the rig's, else mad-max) never used in the rig; a given name must not be in
   * use.
   *
   * @return the polecats, named, in the order of the requests
   */
  public static List<Polecat> sling(
      RepositoryState state,
      Rig rig,
      List<PolecatRequest> requests,
      NamepoolTheme theme,
      String agentImage,
      Changes changes) {
    return place(
        state,
        rig,
        requests.stream().map(PolecatRequest::name).toList(),
        theme,
        agentImage,
        changes,
        (i, name) -> {
          PolecatRequest request = requests.get(i);
          Polecat polecat = Polecats.create(rig, request.withName(name));
          String workBranch = polecat.getSpec().getKubernetes().getWorkBranch();
          if (request.workBranch() == null && !isBranch(workBranch)) {
            throw GtException.invalid(
                "bead ID '"
                    + request.beadId()
                    + "' makes the work branch '"
                    + workBranch
                    + "', which is not a valid branch name: give one with --work-branch");
          }
          return polecat;
        });
  }

  /**
   * Adds a polecat with the given spec (another polecat's, e.g. as it was at an earlier commit) to
   * the changes, named, counted, validated and rendered as {@link #sling} does.
   *
   * @param name the new polecat's name, or null for a themed one
   */
  public static Polecat sling(
      RepositoryState state,
      Rig rig,
      PolecatSpec spec,
      String name,
      NamepoolTheme theme,
      String agentImage,
      Changes changes) {
    return place(
            state,
            rig,
            java.util.Collections.singletonList(name),
            theme,
            agentImage,
            changes,
            (i, chosen) -> Polecats.withSpec(rig, spec, chosen))
        .get(0);
  }

  private static List<Polecat> place(
      RepositoryState state,
      Rig rig,
      List<String> requestedNames,
      NamepoolTheme theme,
      String agentImage,
      Changes changes,
      BiFunction<Integer, String, Polecat> build) {
    String rigName = rig.getMetadata().getName();
    List<String> current = state.polecats(rigName);
    requireCapacity(rig, current.size(), requestedNames.size());
    List<String> names = names(state, rig, requestedNames, theme, current);
    List<Polecat> polecats = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      polecats.add(build.apply(i, names.get(i)));
    }
    // Validating and rendering are pure and independent per polecat: spread a big convoy over the
    // cores; the files are collected in request order, so the result is the same as one by one.
    List<RenderedFile> files =
        IntStream.range(0, polecats.size())
            .parallel()
            .mapToObj(
                i -> {
                  List<JsonNode> documents =
                      PolecatManifests.documents(polecats.get(i), agentImage);
                  RigDirectory.requireValidTree(documents.get(0), "polecat " + names.get(i));
                  return PolecatManifests.render(polecats.get(i), documents);
                })
            .toList();
    files.forEach(changes::write);
    return polecats;
  }

  private static boolean isBranch(String branch) {
    try {
      Inputs.branch(branch, "work branch");
      return true;
    } catch (GtException e) {
      return false;
    }
  }

  private static List<String> names(
      RepositoryState state,
      Rig rig,
      List<String> requested,
      NamepoolTheme theme,
      List<String> current) {
    String rigName = rig.getMetadata().getName();
    long unnamed = requested.stream().filter(java.util.Objects::isNull).count();
    Set<String> taken = unnamed > 0 ? state.polecatNamesEverUsed(rigName) : Set.copyOf(current);
    for (String name : requested) {
      if (name != null && current.contains(name)) {
        throw GtException.invalid(
            "polecat '"
                + name
                + "' already exists in rig "
                + rigName
                + ": choose "
                + "another --name, or leave --name out for a themed name");
      }
    }
    Set<String> takenAndGiven = new java.util.HashSet<>(taken);
    requested.stream().filter(java.util.Objects::nonNull).forEach(takenAndGiven::add);
    List<String> themed =
        unnamed == 0
            ? List.of()
            : ThemedNames.allocate(themeOf(rig, theme), rigName, takenAndGiven, (int) unnamed);
    List<String> names = new ArrayList<>(requested.size());
    int next = 0;
    for (String name : requested) {
      names.add(name != null ? name : themed.get(next++));
    }
    for (String name : names) {
      Inputs.polecatName(name, "polecat name");
    }
    return names;
  }

  private static NamepoolTheme themeOf(Rig rig, NamepoolTheme theme) {
    if (theme != null) {
      return theme;
    }
    if (rig.getSpec().getSettings() != null
        && rig.getSpec().getSettings().getNamepoolTheme() != null) {
      return rig.getSpec().getSettings().getNamepoolTheme();
    }
    return ThemedNames.DEFAULT_THEME;
  }

  /**
   * The rig's maxPolecats, counted over its polecats in git (the rule is {@link PolecatBudget}'s;
   * the webhook counts the running Pods by it). Enforced when the Rig in git sets it (the cluster's
   * default is not a limit in git).
   */
  private static void requireCapacity(Rig rig, int current, int adding) {
    PolecatBudget.ofRig(rig)
        .filter(limit -> !PolecatBudget.fits(limit, current, adding))
        .ifPresent(
            limit -> {
              throw GtException.invalid(
                  limit.owner()
                      + " has "
                      + current
                      + " polecats and maxPolecats "
                      + limit.max()
                      + ", so "
                      + adding
                      + " more do not fit: retire finished ones (kubectl gt polecat nuke "
                      + rig.getMetadata().getName()
                      + "/NAME) or raise "
                      + limit.field()
                      + " in its rig.yaml");
            });
  }
}
