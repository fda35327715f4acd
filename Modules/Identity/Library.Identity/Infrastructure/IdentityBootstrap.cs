using Library.BuildingBlocks.Security;
using Library.Identity.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Library.Identity.Infrastructure;

/// <summary>
/// Runs before the service accepts requests (after the migrations): registers the clients from
/// configuration and makes sure an admin exists. With no admin and no
/// <c>Identity:BootstrapAdminPassword</c> the service refuses to start: there is no default outside the
/// development settings.
/// </summary>
internal sealed partial class IdentityBootstrap(
    IServiceScopeFactory scopes,
    IOptions<IdentityOptions> options,
    TimeProvider clock,
    ILogger<IdentityBootstrap> logger) : IHostedService
{
    public const string AdminUsername = "admin";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var client in Clients(options.Value))
        {
            if (await applications.FindByClientIdAsync(client.ClientId!, cancellationToken) is { } existing)
            {
                // Configuration is the source of truth: a changed secret or redirect URI applies on restart.
                await applications.UpdateAsync(existing, client, cancellationToken);
            }
            else
            {
                await applications.CreateAsync(client, cancellationToken);
            }
        }

        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        if (await db.Accounts.AnyAsync(a => a.Role == LibraryRoles.Admin, cancellationToken))
        {
            return;
        }

        var password = options.Value.BootstrapAdminPassword;
        if (password is not { Length: >= PasswordRules.MinLength and <= PasswordRules.MaxLength })
        {
            throw new InvalidOperationException(
                $"No admin account exists and Identity:BootstrapAdminPassword is not set (or not {PasswordRules.MinLength}–{PasswordRules.MaxLength} characters); " +
                "set it to create the 'admin' account.");
        }

        var now = clock.GetUtcNow();
        db.Accounts.Add(new Account
        {
            Id = Guid.CreateVersion7(now),
            Role = LibraryRoles.Admin,
            Username = AdminUsername,
            PasswordHash = scope.ServiceProvider.GetRequiredService<Passwords>().Hash(password),
            CreatedAt = now,
            PasswordChangedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            LogAdminCreated(logger, AdminUsername);
        }
        catch (DbUpdateException)
        {
            // Another instance may have created it at the same moment; anything else is a real failure.
            db.ChangeTracker.Clear();
            if (!await db.Accounts.AsNoTracking().AnyAsync(a => a.Role == LibraryRoles.Admin, cancellationToken))
            {
                throw;
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static IEnumerable<OpenIddictApplicationDescriptor> Clients(IdentityOptions options)
    {
        var cli = new OpenIddictApplicationDescriptor
        {
            ClientId = PasswordGrantOptions.ClientId,
            DisplayName = "Library command line and first-party apps",
            ClientType = ClientTypes.Public,
            Permissions =
            {
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.RefreshToken,
                Permissions.Prefixes.Scope + Scopes.Profile,
                Permissions.Prefixes.Scope + Scopes.Roles,
            },
        };
        if (options.PasswordGrant.Enabled)
        {
            cli.Permissions.Add(Permissions.GrantTypes.Password);
        }

        yield return cli;

        if (options.WebClient.RedirectUris.Count > 0)
        {
            var web = new OpenIddictApplicationDescriptor
            {
                ClientId = options.WebClient.ClientId,
                DisplayName = "Library web front end",
                ClientType = ClientTypes.Public,
                Permissions =
                {
                    Permissions.Endpoints.Authorization,
                    Permissions.Endpoints.Token,
                    Permissions.Endpoints.EndSession,
                    Permissions.GrantTypes.AuthorizationCode,
                    Permissions.GrantTypes.RefreshToken,
                    Permissions.ResponseTypes.Code,
                    Permissions.Prefixes.Scope + Scopes.Profile,
                    Permissions.Prefixes.Scope + Scopes.Roles,
                },
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            };
            foreach (var uri in options.WebClient.RedirectUris)
            {
                web.RedirectUris.Add(new Uri(uri, UriKind.Absolute));
            }

            foreach (var uri in options.WebClient.PostLogoutRedirectUris)
            {
                web.PostLogoutRedirectUris.Add(new Uri(uri, UriKind.Absolute));
            }

            yield return web;
        }

        foreach (var (clientId, machine) in options.MachineClients)
        {
            if (machine.Secret is not { Length: >= 16 })
            {
                throw new InvalidOperationException($"Identity:MachineClients:{clientId}:Secret must have at least 16 characters.");
            }

            if (machine.Role is not (LibraryRoles.Librarian or LibraryRoles.Admin))
            {
                throw new InvalidOperationException($"Identity:MachineClients:{clientId}:Role must be 'librarian' or 'admin'.");
            }

            yield return new OpenIddictApplicationDescriptor
            {
                ClientId = clientId,
                ClientSecret = machine.Secret,
                DisplayName = machine.DisplayName ?? clientId,
                ClientType = ClientTypes.Confidential,
                Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
            };
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the bootstrap account {Username}")]
    private static partial void LogAdminCreated(ILogger logger, string username);
}
