"""Forms of the meetings (errors at their field, nothing saved while any is invalid)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from komplan.accounts.models import Membership
from komplan.lib.forms import DateInput, Form, ModelForm
from komplan.planning.models import Body

from .images import MAX_UPLOAD_BYTES
from .models import AttendanceStatus, Meeting
from .services import ATTACHMENT_MAX_BYTES, ATTACHMENT_SUFFIXES


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class VersionedForm(ModelForm):
    """Carries the version of the meeting the editor opened (see services.save_meeting)."""

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # an edit must say which version it was made on
            self.fields["opened_version"].initial = self.instance.version
            self.fields["opened_version"].required = True


class MeetingForm(VersionedForm):
    class Meta:
        model = Meeting
        fields = ["title", "body", "starts_at", "ends_at", "place", "online_url", "is_public", "agenda"]
        widgets = {
            "starts_at": DateTimeInput,
            "ends_at": DateTimeInput,
            "agenda": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.for_process(process)
        self.fields["body"].empty_label = _("no group (a public forum of the whole process)")

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        if not cleaned.get("place", "").strip() and not cleaned.get("online_url"):
            self.add_error("place", _("Give the place of the meeting or a link to the online meeting."))
        return cleaned


class MinutesForm(VersionedForm):
    class Meta:
        model = Meeting
        fields = ["discussion", "decisions"]
        widgets = {
            "discussion": forms.Textarea(attrs={"rows": 14}),
            "decisions": forms.Textarea(attrs={"rows": 8}),
        }


ATTENDANCE_CHOICES = [("", _("not recorded")), *AttendanceStatus.choices]


class AttendanceForm(Form):
    """One choice per person: the members of the meeting's group (and anyone already recorded)."""

    def __init__(self, *args, people: list[tuple[Membership, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {}
        for membership, status in people:
            name = f"m{membership.pk}"
            label = str(membership.user)
            if membership.organisation:
                label = f"{label} ({membership.organisation})"
            self.fields[name] = forms.ChoiceField(
                label=label, choices=ATTENDANCE_CHOICES, required=False, initial=status
            )
            self.people[name] = membership

    def statuses(self) -> dict[Membership, str]:
        return {membership: self.cleaned_data[name] for name, membership in self.people.items()}


class GuestForm(Form):
    guest_name = forms.CharField(label=_("Guest's name"), max_length=200)
    organisation = forms.CharField(label=_("Organisation"), max_length=250, required=False)
    status = forms.ChoiceField(label=_("Attendance"), choices=AttendanceStatus.choices, initial="present")


class OwnerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj.user)


class TaskForm(Form):
    text = forms.CharField(label=_("Task"), max_length=500)
    owner = OwnerChoice(label=_("Owner"), queryset=Membership.objects.none(), required=False, empty_label=_("nobody"))
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=DateInput)

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = (
            Membership.objects.filter(process=process, is_active=True)
            .select_related("user")
            .order_by("user__full_name", "user__email")
        )


class AttachmentForm(Form):
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(f".{s}" for s in sorted(ATTACHMENT_SUFFIXES))}),
    )
    is_public = forms.BooleanField(
        label=_("Public (shown with the published minutes of a public meeting)"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext("At most %(limit)s MB; PDF, office documents, text, CSV or images.") % {
            "limit": ATTACHMENT_MAX_BYTES // 1024 // 1024
        }


class PhotoForm(Form):
    image = forms.FileField(
        label=_("Photo"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}),
    )
    alt_text = forms.CharField(
        label=_("Alternative text"),
        max_length=300,
        help_text=_("What the photo shows, for people who cannot see it (required)."),
    )
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["image"].help_text = gettext(
            "JPEG, PNG, GIF or WebP, at most %(limit)s MB. Stored resized, without location and camera data."
        ) % {"limit": MAX_UPLOAD_BYTES // 1024 // 1024}

    def clean_image(self):
        upload = self.cleaned_data["image"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                gettext("The photo is too large; the limit is %(limit)s MB.")
                % {"limit": MAX_UPLOAD_BYTES // 1024 // 1024}
            )
        return upload


class PhotoEditForm(Form):
    alt_text = forms.CharField(
        label=_("Alternative text"),
        max_length=300,
        help_text=_("What the photo shows, for people who cannot see it (required)."),
    )
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)
    order = forms.IntegerField(label=_("Order in the gallery"), min_value=0, max_value=10000)

    def clean_alt_text(self):
        text = self.cleaned_data["alt_text"].strip()
        if not text:
            raise forms.ValidationError(gettext("Describe the photo in the alternative text."))
        return text
