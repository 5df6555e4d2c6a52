package io.gastown.template;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/** YAML loading the way the API server reads manifests: timestamps stay strings. */
public final class Yamls {
  private Yamls() {}

  public static Yaml yaml() {
    LoaderOptions loader = new LoaderOptions();
    loader.setAllowDuplicateKeys(false);
    DumperOptions dumper = new DumperOptions();
    return new Yaml(
        new SafeConstructor(loader),
        new Representer(dumper),
        dumper,
        loader,
        new NoTimestampResolver());
  }

  /** All non-empty documents of a multi-document YAML text. */
  public static List<Object> loadAll(String text) {
    List<Object> documents = new ArrayList<>();
    for (Object document : yaml().loadAll(text)) {
      if (document != null) {
        documents.add(document);
      }
    }
    return documents;
  }

  private static final class NoTimestampResolver extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO", 10);
      addImplicitResolver(Tag.INT, INT, "-+0123456789");
      addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
      addImplicitResolver(Tag.MERGE, MERGE, "<", 10);
      addImplicitResolver(Tag.NULL, NULL, "~nN\0", 10);
      addImplicitResolver(Tag.NULL, EMPTY, null, 10);
    }
  }
}
