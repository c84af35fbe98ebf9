package io.paas.cli;

import io.paas.cli.apps.AppsCommands;
import io.paas.cli.apps.OpenCommand;
import io.paas.cli.auth.AuthCommands;
import io.paas.cli.auth.TokenCommands;
import io.paas.cli.perms.PermsCommands;
import io.paas.cli.teams.TeamsCommands;
import io.paas.cli.users.UsersCommands;
import io.paas.cli.buildpacks.BuildpacksCommands;
import io.paas.cli.builds.BuildsCommands;
import io.paas.cli.stacks.StackCommands;
import io.paas.cli.certs.CertsCommands;
import io.paas.cli.domains.DomainsCommands;
import io.paas.cli.drains.DrainsCommands;
import io.paas.cli.auth.GitCredentialCommand;
import io.paas.cli.config.ConfigCommands;
import io.paas.cli.git.GitRemoteCommand;
import io.paas.cli.healthchecks.HealthchecksCommands;
import io.paas.cli.images.DockerOptionsCommands;
import io.paas.cli.images.ImageCommands;
import io.paas.cli.keys.KeysCommands;
import io.paas.cli.limits.LimitsCommands;
import io.paas.cli.ports.PortsCommands;
import io.paas.cli.ps.PsCommands;
import io.paas.cli.releases.ReleasesCommands;
import io.paas.cli.routing.AllowlistCommands;
import io.paas.cli.routing.RouterCommands;
import io.paas.cli.logs.LogsCommand;
import io.paas.cli.metrics.MetricsCommand;
import io.paas.cli.run.RunCommand;
import io.paas.cli.audit.AuditCommand;
import io.paas.cli.disk.DiskCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The `paas` command: its subcommands are the verbs, Heroku style (`apps:create`, `config:set`), with
 * Heroku's short forms as aliases (`create`, `info`, `destroy`, `open`, `restart`, `ps:scale`) and `help [CMD]`.
 */
@Command(name = "paas", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Deploy and run apps on a paas platform.",
        subcommands = {
            AuthCommands.Register.class,
            AuthCommands.Login.class,
            AuthCommands.Logout.class,
            AuthCommands.Whoami.class,
            TokenCommands.NewToken.class, TokenCommands.ListTokens.class, TokenCommands.Revoke.class,
            TokenCommands.Passwd.class,
            PermsCommands.ListPerms.class, PermsCommands.Add.class, PermsCommands.Remove.class,
            PermsCommands.Transfer.class,
            TeamsCommands.ListTeams.class, TeamsCommands.Create.class, TeamsCommands.Destroy.class,
            TeamsCommands.Members.class, TeamsCommands.AddMember.class, TeamsCommands.RemoveMember.class,
            UsersCommands.ListUsers.class, UsersCommands.Add.class, UsersCommands.Disable.class,
            UsersCommands.Enable.class, UsersCommands.Admin.class, UsersCommands.Passwd.class, UsersCommands.Delete.class,
            UsersCommands.Registration.class, UsersCommands.Show.class, UsersCommands.Set.class,
            KeysCommands.ListKeys.class, KeysCommands.Add.class, KeysCommands.Remove.class,
            AppsCommands.ListApps.class,
            AppsCommands.Create.class,
            AppsCommands.Info.class,
            AppsCommands.Destroy.class,
            OpenCommand.class,
            GitRemoteCommand.class,
            ConfigCommands.Show.class,
            ConfigCommands.Get.class,
            ConfigCommands.Set.class,
            ConfigCommands.Unset.class,
            PsCommands.Ps.class,
            PsCommands.Scale.class,
            PsCommands.Restart.class,
            PsCommands.Stop.class,
            ReleasesCommands.ListReleases.class,
            BuildpacksCommands.ListBuildpacks.class, BuildpacksCommands.Set.class, BuildpacksCommands.Add.class,
            BuildpacksCommands.Remove.class, BuildpacksCommands.Clear.class,
            StackCommands.Show.class, StackCommands.Set.class,
            DomainsCommands.ListDomains.class, DomainsCommands.Add.class, DomainsCommands.Remove.class,
            DrainsCommands.ListDrains.class, DrainsCommands.Add.class, DrainsCommands.Remove.class,
            CertsCommands.ListCerts.class, CertsCommands.Add.class, CertsCommands.Remove.class,
            CertsCommands.Auto.class, CertsCommands.AutoEnable.class, CertsCommands.AutoDisable.class,
            RouterCommands.Show.class, RouterCommands.Set.class, RouterCommands.TlsEnforce.class,
            RouterCommands.MaintenanceOn.class, RouterCommands.MaintenanceOff.class,
            AllowlistCommands.Show.class, AllowlistCommands.Add.class, AllowlistCommands.Remove.class,
            ReleasesCommands.Info.class,
            LogsCommand.class,
            MetricsCommand.class,
            RunCommand.class,
            AuditCommand.class,
            DiskCommand.class,
            ReleasesCommands.Rollback.class,
            BuildsCommands.ListBuilds.class, BuildsCommands.Info.class, BuildsCommands.CachePurge.class,
            HealthchecksCommands.Show.class,
            HealthchecksCommands.Set.class,
            HealthchecksCommands.Unset.class,
            LimitsCommands.Show.class,
            LimitsCommands.Set.class,
            LimitsCommands.Unset.class,
            PortsCommands.Show.class, PortsCommands.Set.class, PortsCommands.Clear.class,
            ImageCommands.DeployImage.class,
            ImageCommands.ListLogins.class, ImageCommands.Login.class, ImageCommands.Logout.class,
            DockerOptionsCommands.Show.class, DockerOptionsCommands.Add.class, DockerOptionsCommands.Remove.class,
            DockerOptionsCommands.SetDockerfile.class,
            GitCredentialCommand.class,
            CdsTrainingCommand.class,
            HelpCommand.class,
        })
public class PaasCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
