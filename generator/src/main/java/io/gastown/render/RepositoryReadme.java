package io.gastown.render;

/** The README of a new GitOps repository. */
public final class RepositoryReadme {
  private RepositoryReadme() {}

  public static RenderedFile render() {
    return RenderedFile.of(
        GitOpsLayout.README,
        """
        # Gas Town GitOps repository

        What should run in the cluster: one directory per rig, synced by Argo CD (one Application per
        `rigs/<rig>`). `kubectl gt` writes it, one commit per command:

        ```
        rigs/<rig>/kustomization.yaml     lists the files below
        rigs/<rig>/rig.yaml               Namespace, Rig, Witness
        rigs/<rig>/polecats/<name>.yaml   Polecat + the Job that runs it
        rigs/<rig>/convoys/<id>.yaml      Convoy
        ```

        - Put work in with `kubectl gt sling <bead> <rig>`, retire it with `kubectl gt polecat nuke <rig>/<name>`
          (Argo CD prunes it). Deleting a polecat in the cluster does not stick: Argo CD puts it back.
        - **Never put a Secret or any credential here.** Anyone who can read this repository could read it.
          Credentials go straight to the cluster (`kubectl gt auth sync`, or `kubectl create secret`);
          manifests only name the Secrets. `kubectl gt` refuses to commit anything that looks like a credential.
        - Preview what Argo CD would sync with `kubectl gt render [<rig>]`.
        """);
  }
}
