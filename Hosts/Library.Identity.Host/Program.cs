using Library.BuildingBlocks.Hosting;
using Library.BuildingBlocks.Messaging;
using Library.Identity;

var builder = WebApplication.CreateBuilder(args);
builder.AddLibraryHost(IdentityModule.Name);
builder.Services.AddLibraryMessaging(builder.Configuration);
builder.Services.AddIdentityModule(builder.Configuration);

var app = builder.Build();
app.UseLibraryHost();
app.MapIdentityEndpoints();
await app.RunLibraryHostAsync(args);
