from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
    path("prihlaseni/", views.LoginView.as_view(), name="login"),
    path("odhlaseni/", views.LogoutView.as_view(), name="logout"),
    path("heslo/", views.PasswordResetView.as_view(), name="password_reset"),
    path("heslo/odeslano/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("heslo/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("heslo/hotovo/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("moje-udaje.json", views.export_data, name="export"),
    path("smazat/", views.delete_account, name="delete"),
    path("novy-proces/", views.new_process, name="new_process"),
    path("pozvanka/<str:token>/", views.invitation, name="invitation"),
    path("pozvanka/<str:token>/odmitnout/", views.decline_invitation, name="decline_invitation"),
]
